namespace PalmKey.Storage.Entities;

/// <summary>
/// A payment card linked to a customer. The card number is never stored: only the payment gateway's
/// token (encrypted), the brand, the last four digits and the expiry, as PCI DSS v4 3.3 and 3.5 allow.
/// </summary>
public sealed class PaymentCard : ITenantOwned
{
    /// <summary>The card id, <c>card_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer the card belongs to.</summary>
    public required string CustomerId { get; set; }

    /// <summary>The gateway's token for the card, encrypted under the tenant's data key.</summary>
    public required byte[] TokenCipher { get; set; }

    /// <summary>The card brand, such as <c>visa</c>.</summary>
    public required string Brand { get; set; }

    /// <summary>The last four digits of the number.</summary>
    public required string Last4 { get; set; }

    /// <summary>Expiry month, 1 to 12.</summary>
    public int ExpiryMonth { get; set; }

    /// <summary>Expiry year, four digits.</summary>
    public int ExpiryYear { get; set; }

    /// <summary>When the card was added; the newest card pays.</summary>
    public DateTimeOffset AddedAt { get; set; }
}
