namespace PalmKey.Storage.Entities;

/// <summary>
/// One checkout attempt of a customer at a device: the order, the amounts and where the payment stands
/// with the gateway. The receipt the customer sees is made from it. Deleted with the customer.
/// </summary>
public sealed class Payment : ITenantOwned
{
    /// <summary>The payment id, <c>pay_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer who paid.</summary>
    public required string CustomerId { get; set; }

    /// <summary>The card charged, or null where the enrollment credit paid it all.</summary>
    public string? CardId { get; set; }

    /// <summary>The card's brand, kept for the receipt.</summary>
    public string? CardBrand { get; set; }

    /// <summary>The card's last four digits, kept for the receipt.</summary>
    public string? CardLast4 { get; set; }

    /// <summary>The site of the device.</summary>
    public required string SiteId { get; set; }

    /// <summary>The device at the point of sale.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The merchant's order reference.</summary>
    public required string OrderReference { get; set; }

    /// <summary>Attempt number for the order: a declined attempt may be followed by another.</summary>
    public int Attempt { get; set; }

    /// <summary>The order total, in minor units of the currency.</summary>
    public long AmountMinor { get; set; }

    /// <summary>The enrollment credit applied, in minor units.</summary>
    public long CreditMinor { get; set; }

    /// <summary>What the card was charged: amount less credit, in minor units.</summary>
    public long ChargedMinor { get; set; }

    /// <summary>ISO 4217 currency code.</summary>
    public required string Currency { get; set; }

    /// <summary>Where the payment stands.</summary>
    public PaymentStatus Status { get; set; }

    /// <summary>The gateway's authorization id.</summary>
    public string? AuthorizationId { get; set; }

    /// <summary>The gateway's refund id.</summary>
    public string? RefundId { get; set; }

    /// <summary>Why the gateway declined or failed, as its code.</summary>
    public string? DeclineCode { get; set; }

    /// <summary>When the checkout was asked for.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the status last changed.</summary>
    public DateTimeOffset UpdatedAt { get; set; }
}
