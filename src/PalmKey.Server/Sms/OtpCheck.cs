namespace PalmKey.Server.Sms;

/// <summary>The result of checking a one-time code.</summary>
internal enum OtpCheck
{
    /// <summary>The code was right; the challenge is now used.</summary>
    Accepted,

    /// <summary>The code was wrong.</summary>
    Wrong,

    /// <summary>The code expired, was used, or was tried too often.</summary>
    Expired,
}
