namespace PalmKey.Storage.Entities;

/// <summary>
/// Something a customer linked to their palm: a card, a ticket, a badge or a loyalty number. The
/// reference shown to the customer is encrypted; what it points to lives with the issuer.
/// </summary>
public sealed class LinkedAccount : ITenantOwned
{
    /// <summary>The row id, <c>acct_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The customer the account belongs to.</summary>
    public required string CustomerId { get; set; }

    /// <summary>What kind of account: card, ticket, badge, loyalty.</summary>
    public required string Kind { get; set; }

    /// <summary>The display reference (a loyalty number, a card's last digits), encrypted.</summary>
    public required byte[] ReferenceCipher { get; set; }

    /// <summary>When the account was linked.</summary>
    public DateTimeOffset LinkedAt { get; set; }
}
