namespace PalmKey.Server.Tenancy;

/// <summary>A device's one-time activation code, shown once to the admin.</summary>
/// <param name="Code">The code, <c>pkc_</c> and 52 base32 characters; only its hash is stored.</param>
/// <param name="ExpiresAt">When it stops working.</param>
internal sealed record ActivationCode(string Code, DateTimeOffset ExpiresAt);
