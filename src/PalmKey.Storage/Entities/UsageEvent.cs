namespace PalmKey.Storage.Entities;

/// <summary>
/// One recognized identification in a customer's usage history: when, where and for what. Deleted with
/// the customer.
/// </summary>
public sealed class UsageEvent : ITenantOwned
{
    /// <summary>Row number.</summary>
    public long Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer who was recognized.</summary>
    public required string CustomerId { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The site where the device stood.</summary>
    public required string SiteId { get; set; }

    /// <summary>The device that asked.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The purpose of the identification.</summary>
    public required string Purpose { get; set; }
}
