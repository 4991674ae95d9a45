namespace PalmKey.Storage.Entities;

/// <summary>
/// A one-time code sent by SMS. Only a keyed hash of the code is stored, with the number as a keyed
/// hash too; the code expires and allows a few attempts.
/// </summary>
public sealed class OtpChallenge : ITenantOwned
{
    /// <summary>The challenge id, <c>otp_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>What the code proves.</summary>
    public OtpPurpose Purpose { get; set; }

    /// <summary>The look-up hash of the number the code went to.</summary>
    public required byte[] PhoneHash { get; set; }

    /// <summary>The data key whose derived key made <see cref="CodeHash"/>.</summary>
    public required string KeyId { get; set; }

    /// <summary>HMAC-SHA256 of the challenge id and the code.</summary>
    public required byte[] CodeHash { get; set; }

    /// <summary>When the code was sent.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the code stops working.</summary>
    public DateTimeOffset ExpiresAt { get; set; }

    /// <summary>Wrong codes tried so far.</summary>
    public int FailedAttempts { get; set; }

    /// <summary>When the right code was given; a code works once.</summary>
    public DateTimeOffset? ConsumedAt { get; set; }
}
