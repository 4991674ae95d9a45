namespace PalmKey.Storage.Entities;

/// <summary>A palm scanner of a tenant, bound to one site.</summary>
public sealed class Device : ITenantOwned
{
    /// <summary>The device id, <c>dev_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The site the device stands at.</summary>
    public required string SiteId { get; set; }

    /// <summary>Display name.</summary>
    public required string Name { get; set; }

    /// <summary>When the device was registered.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the device was deactivated; its signatures then authenticate nothing.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }

    /// <summary>The device's ECDSA P-256 public key (SubjectPublicKeyInfo, DER), set at activation; null until then.</summary>
    public byte[]? PublicKey { get; set; }

    /// <summary>When the device activated with its one-time code.</summary>
    public DateTimeOffset? ActivatedAt { get; set; }

    /// <summary>The public prefix of the pending one-time activation code; null once used.</summary>
    public string? ActivationCodePrefix { get; set; }

    /// <summary>SHA-256 of the pending activation code; the code itself is shown once, to the admin.</summary>
    public byte[]? ActivationCodeHash { get; set; }

    /// <summary>When the pending activation code stops working.</summary>
    public DateTimeOffset? ActivationCodeExpiresAt { get; set; }

    /// <summary>When the device last made an authenticated request (kept to about a minute).</summary>
    public DateTimeOffset? LastSeenAt { get; set; }
}
