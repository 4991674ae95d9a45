using System.Buffers;
using System.Security.Cryptography;

namespace PalmKey.Storage;

/// <summary>
/// Random row ids such as <c>cus_0j5x...</c>: a type prefix and 26 characters of lowercase Crockford
/// base32, 128 random bits. They carry no meaning, so a customer id is a pseudonym. Thread-safe.
/// </summary>
public static class EntityIds
{
    private const string Alphabet = "0123456789abcdefghjkmnpqrstvwxyz";

    /// <summary>The characters of an id after its prefix.</summary>
    internal static readonly SearchValues<char> Characters = SearchValues.Create(Alphabet);

    /// <summary>Makes a new id.</summary>
    /// <param name="prefix">The type prefix, such as <c>cus</c>, without the underscore.</param>
    /// <returns><c>prefix_</c> and 26 base32 characters.</returns>
    public static string New(string prefix)
    {
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        Span<byte> random = stackalloc byte[16];
        RandomNumberGenerator.Fill(random);
        return $"{prefix}_{Base32(random)}";
    }

    /// <summary>Whether <paramref name="value"/> has the shape of an id with this prefix.</summary>
    /// <param name="value">Text from a request.</param>
    /// <param name="prefix">The expected type prefix.</param>
    /// <returns>True for <c>prefix_</c> followed by 26 base32 characters.</returns>
    public static bool IsValid(string? value, string prefix)
    {
        if (value is null || value.Length != prefix.Length + 27 || !value.StartsWith(prefix, StringComparison.Ordinal) || value[prefix.Length] != '_')
        {
            return false;
        }

        return value.AsSpan(prefix.Length + 1).IndexOfAnyExcept(Characters) < 0;
    }

    /// <summary>Encodes bytes as lowercase Crockford base32 without padding.</summary>
    internal static string Base32(ReadOnlySpan<byte> data)
    {
        var chars = new char[((data.Length * 8) + 4) / 5];
        int buffer = 0, bits = 0, index = 0;
        foreach (var b in data)
        {
            buffer = (buffer << 8) | b;
            bits += 8;
            while (bits >= 5)
            {
                chars[index++] = Alphabet[(buffer >> (bits - 5)) & 31];
                bits -= 5;
            }
        }

        if (bits > 0)
        {
            chars[index] = Alphabet[(buffer << (5 - bits)) & 31];
        }

        return new string(chars);
    }
}
