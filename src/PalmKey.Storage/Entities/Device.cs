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

    /// <summary>When the device was deactivated; its key then authenticates nothing.</summary>
    public DateTimeOffset? DeactivatedAt { get; set; }
}
