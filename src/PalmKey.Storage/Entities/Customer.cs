namespace PalmKey.Storage.Entities;

/// <summary>
/// A person enrolled with a tenant, known to the tenant by a random pseudonymous id. The mobile number
/// is stored encrypted for display and as a keyed hash for look-up, never in plaintext.
/// </summary>
public sealed class Customer : ITenantOwned
{
    /// <summary>The pseudonymous id, <c>cus_</c> and 26 base32 characters, meaningful only within the tenant.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>HMAC-SHA256 of the E.164 number under a key derived from the tenant's data key.</summary>
    public required byte[] PhoneHash { get; set; }

    /// <summary>The E.164 number, encrypted under the tenant's data key.</summary>
    public required byte[] PhoneCipher { get; set; }

    /// <summary>The disclosure version the customer accepted.</summary>
    public required string ConsentVersion { get; set; }

    /// <summary>When the customer accepted the disclosure.</summary>
    public DateTimeOffset ConsentAcceptedAt { get; set; }

    /// <summary>When the customer was enrolled.</summary>
    public DateTimeOffset EnrolledAt { get; set; }

    /// <summary>The last identification, or null before the first.</summary>
    public DateTimeOffset? LastIdentifiedAt { get; set; }

    /// <summary>The last interaction of any kind: enrollment, identification or self-service.</summary>
    public DateTimeOffset LastInteractionAt { get; set; }

    /// <summary>When the customer asked to cancel while transactions were still outstanding.</summary>
    public DateTimeOffset? CancellationRequestedAt { get; set; }

    /// <summary>Enrollment credit not yet used, in minor units of the tenant's currency.</summary>
    public long PromotionCreditMinor { get; set; }
}
