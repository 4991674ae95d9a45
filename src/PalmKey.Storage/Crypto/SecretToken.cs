using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// A bearer secret (an API key or a session token) as it is issued: the token, shown once to its
/// holder; its public prefix, stored to find the row and to name the key in logs; and its SHA-256
/// hash, the only form that is stored.
/// </summary>
/// <param name="Token">The secret, such as <c>pka_</c> and 52 base32 characters (256 random bits).</param>
/// <param name="Prefix">The first characters: kind, underscore and 8 characters.</param>
/// <param name="Hash">SHA-256 of the token's UTF-8 bytes.</param>
public sealed record SecretToken(string Token, string Prefix, byte[] Hash)
{
    /// <summary>The kind of an admin API key.</summary>
    public const string AdminKind = "pka";

    /// <summary>The kind of the retired device API keys; devices now sign their requests, and these authenticate nothing.</summary>
    public const string DeviceKind = "pkd";

    /// <summary>The kind of a device's one-time activation code.</summary>
    public const string ActivationKind = "pkc";

    /// <summary>The kind of a customer session token.</summary>
    public const string SessionKind = "pks";

    /// <summary>The kind of the platform operator key.</summary>
    public const string OperatorKind = "pko";

    private const int SecretChars = 52;
    private const int PrefixSecretChars = 8;

    /// <summary>Issues a new random 256-bit token of a kind.</summary>
    /// <param name="kind">One of the kind constants.</param>
    /// <returns>The token, its prefix and its hash.</returns>
    public static SecretToken Issue(string kind)
    {
        ArgumentException.ThrowIfNullOrEmpty(kind);
        Span<byte> random = stackalloc byte[32];
        RandomNumberGenerator.Fill(random);
        var token = $"{kind}_{EntityIds.Base32(random)}";
        return new SecretToken(token, PrefixOf(token, kind)!, HashOf(token));
    }

    /// <summary>The public prefix of a token of the given kind, or null where the text is not such a token.</summary>
    /// <param name="token">Text from a request header.</param>
    /// <param name="kind">The expected kind.</param>
    /// <returns>The prefix or null.</returns>
    public static string? PrefixOf(string token, string kind)
    {
        ArgumentNullException.ThrowIfNull(token);
        ArgumentException.ThrowIfNullOrEmpty(kind);
        var valid = token.Length == kind.Length + 1 + SecretChars
            && token.StartsWith(kind, StringComparison.Ordinal)
            && token[kind.Length] == '_'
            && token.AsSpan(kind.Length + 1).IndexOfAnyExcept(EntityIds.Characters) < 0;
        return valid ? token[..(kind.Length + 1 + PrefixSecretChars)] : null;
    }

    /// <summary>SHA-256 of the token's UTF-8 bytes.</summary>
    /// <param name="token">The token.</param>
    /// <returns>32 bytes.</returns>
    public static byte[] HashOf(string token) => SHA256.HashData(Encoding.UTF8.GetBytes(token));

    /// <summary>Compares a presented token with a stored hash in constant time.</summary>
    /// <param name="token">The presented token.</param>
    /// <param name="storedHash">The stored hash.</param>
    /// <returns>Whether they match.</returns>
    public static bool Matches(string token, byte[] storedHash) =>
        CryptographicOperations.FixedTimeEquals(HashOf(token), storedHash);
}
