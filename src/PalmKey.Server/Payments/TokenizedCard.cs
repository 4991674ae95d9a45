using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Payments;

/// <summary>What is kept of a card: the gateway's token, the brand, the last four digits and the expiry.</summary>
internal sealed record TokenizedCard(string Token, string Brand, string Last4, int ExpiryMonth, int ExpiryYear)
{
    /// <summary>The customer's stored card, its token encrypted under the tenant's data key.</summary>
    public PaymentCard ToStored(TenantKeys keys, string customerId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(keys);
        var id = EntityIds.New("card");
        return new PaymentCard
        {
            Id = id,
            TenantId = keys.TenantId,
            CustomerId = customerId,
            TokenCipher = keys.EncryptText(Token, id, FieldContext.CardToken),
            Brand = Brand,
            Last4 = Last4,
            ExpiryMonth = ExpiryMonth,
            ExpiryYear = ExpiryYear,
            AddedAt = now,
        };
    }

    // The token charges the card: it is never printed.
    public override string ToString() => $"{Brand} ending {Last4}";
}
