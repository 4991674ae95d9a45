namespace PalmKey.Storage.Entities;

/// <summary>
/// An API key of a tenant. Only its SHA-256 hash is stored; the key itself is shown once, when it is
/// made. The prefix is public: it finds the row and names the key in the audit log.
/// </summary>
public sealed class ApiKey : ITenantOwned
{
    /// <summary>The row id, <c>key_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>Admin or device.</summary>
    public ApiKeyKind Kind { get; set; }

    /// <summary>The device a device key belongs to; null for an admin key.</summary>
    public string? DeviceId { get; set; }

    /// <summary>The public start of the key, unique.</summary>
    public required string Prefix { get; set; }

    /// <summary>SHA-256 of the whole key.</summary>
    public required byte[] Hash { get; set; }

    /// <summary>A label chosen by the admin.</summary>
    public required string Name { get; set; }

    /// <summary>When the key was made.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the key was revoked; a revoked key authenticates nothing.</summary>
    public DateTimeOffset? RevokedAt { get; set; }
}
