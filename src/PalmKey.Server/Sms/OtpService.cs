using System.Globalization;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Sms;

/// <summary>
/// One-time codes: six random digits, sent by SMS, stored only as an HMAC under a key derived from the
/// tenant's data key, valid for a few minutes and a few attempts, and limited in how many one number
/// can receive.
/// </summary>
internal sealed class OtpService
{
    private readonly ISmsSender _sms;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.OtpSettings _settings;

    public OtpService(ISmsSender sms, TimeProvider clock, IOptions<PalmKeyOptions> options)
    {
        _sms = sms;
        _clock = clock;
        _settings = options.Value.Otp;
    }

    public int MaxAttempts => _settings.MaxAttempts;

    public TimeSpan Lifetime => _settings.Lifetime;

    /// <summary>Whether the number may receive another code now.</summary>
    public async Task<bool> MaySendAsync(PalmKeyDbContext db, TenantKeys keys, string e164, CancellationToken cancellationToken)
    {
        var since = _clock.GetUtcNow() - _settings.SendWindow;
        var sent = 0;
        foreach (var hash in keys.PhoneHashes(e164))
        {
            sent += await db.OtpChallenges.CountAsync(o => o.PhoneHash == hash && o.CreatedAt > since, cancellationToken).ConfigureAwait(false);
        }

        return sent < _settings.MaxSends;
    }

    /// <summary>Adds a challenge to the context; send the code with <see cref="SendAsync"/> once it is saved.</summary>
    public (OtpChallenge Challenge, string Code) Create(PalmKeyDbContext db, TenantKeys keys, string e164, OtpPurpose purpose)
    {
        var now = _clock.GetUtcNow();
        var code = RandomNumberGenerator.GetInt32(0, 1_000_000).ToString("D6", CultureInfo.InvariantCulture);
        var id = EntityIds.New("otp");
        var challenge = new OtpChallenge
        {
            Id = id,
            TenantId = keys.TenantId,
            Purpose = purpose,
            PhoneHash = keys.PhoneHash(e164),
            KeyId = keys.ActiveKeyId,
            CodeHash = keys.OtpHash(keys.ActiveKeyId, id, code)!,
            CreatedAt = now,
            ExpiresAt = now + _settings.Lifetime,
        };
        db.OtpChallenges.Add(challenge);
        return (challenge, code);
    }

    public Task SendAsync(string tenantId, string tenantName, string e164, string code, CancellationToken cancellationToken)
    {
        var minutes = (int)Math.Ceiling(_settings.Lifetime.TotalMinutes);
        var body = string.Create(CultureInfo.InvariantCulture, $"{tenantName}: your PalmKey code is {code}. It expires in {minutes} minutes. Never share it.");
        return _sms.SendAsync(new SmsMessage(tenantId, e164, body, _clock.GetUtcNow()), cancellationToken);
    }

    /// <summary>Checks a code and records the attempt on the challenge (the caller saves).</summary>
    public OtpCheck Check(OtpChallenge challenge, TenantKeys keys, string? code)
    {
        ArgumentNullException.ThrowIfNull(challenge);
        if (challenge.ConsumedAt is not null || challenge.ExpiresAt <= _clock.GetUtcNow() || challenge.FailedAttempts >= _settings.MaxAttempts)
        {
            return OtpCheck.Expired;
        }

        var expected = keys.OtpHash(challenge.KeyId, challenge.Id, code?.Trim() ?? string.Empty);
        if (expected is null)
        {
            return OtpCheck.Expired;
        }

        if (code is null || !CryptographicOperations.FixedTimeEquals(expected, challenge.CodeHash))
        {
            challenge.FailedAttempts++;
            return OtpCheck.Wrong;
        }

        challenge.ConsumedAt = _clock.GetUtcNow();
        return OtpCheck.Accepted;
    }
}
