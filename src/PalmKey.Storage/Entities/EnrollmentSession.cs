namespace PalmKey.Storage.Entities;

/// <summary>
/// An enrollment in progress at a device: consent given, the number waiting for or past verification,
/// palms not yet captured. Deleted when the enrollment completes; expires if it does not.
/// </summary>
public sealed class EnrollmentSession : ITenantOwned
{
    /// <summary>The enrollment id, <c>enr_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The device where the person enrolls.</summary>
    public required string DeviceId { get; set; }

    /// <summary>The look-up hash of the number.</summary>
    public required byte[] PhoneHash { get; set; }

    /// <summary>The number, encrypted; it moves to the customer on completion.</summary>
    public required byte[] PhoneCipher { get; set; }

    /// <summary>The disclosure version the person accepted.</summary>
    public required string ConsentVersion { get; set; }

    /// <summary>When the person accepted it.</summary>
    public DateTimeOffset ConsentAcceptedAt { get; set; }

    /// <summary>The code sent to the number.</summary>
    public required string OtpChallengeId { get; set; }

    /// <summary>When the number was verified.</summary>
    public DateTimeOffset? VerifiedAt { get; set; }

    /// <summary>When the enrollment started.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the enrollment lapses if not completed.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>The gateway token of the card given at enrollment, encrypted; it moves to the customer on completion.</summary>
    public byte[]? CardTokenCipher { get; set; }

    /// <summary>The card's brand.</summary>
    public string? CardBrand { get; set; }

    /// <summary>The card's last four digits.</summary>
    public string? CardLast4 { get; set; }

    /// <summary>The card's expiry month.</summary>
    public int? CardExpiryMonth { get; set; }

    /// <summary>The card's expiry year.</summary>
    public int? CardExpiryYear { get; set; }
}
