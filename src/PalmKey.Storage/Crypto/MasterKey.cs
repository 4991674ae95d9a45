using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// The key that wraps every tenant's data key (AES-256-GCM). It comes from configuration or the
/// environment, never from the database or the repository; the database stores only its fingerprint,
/// beside each key it wrapped, so that a rotation can tell old wraps from new. Thread-safe.
/// </summary>
public sealed class MasterKey
{
    /// <summary>The key length in bytes.</summary>
    public const int Length = 32;

    private readonly byte[] _key;

    /// <summary>Uses the given 32 bytes as the master key.</summary>
    /// <param name="key">Exactly 32 random bytes; copied.</param>
    /// <exception cref="ArgumentException">The key is not 32 bytes long.</exception>
    public MasterKey(ReadOnlySpan<byte> key)
    {
        if (key.Length != Length)
        {
            throw new ArgumentException($"A master key is {Length} bytes; this one is {key.Length}.", nameof(key));
        }

        _key = key.ToArray();
        var fingerprint = SHA256.HashData([.. "palmkey master key id\0"u8, .. _key]);
        Id = "mk_" + Convert.ToHexStringLower(fingerprint.AsSpan(0, 8));
    }

    /// <summary>The fingerprint, <c>mk_</c> and 16 hex digits; reveals nothing useful about the key.</summary>
    public string Id { get; }

    /// <summary>Reads a master key written as base64.</summary>
    /// <param name="base64">32 bytes in base64.</param>
    /// <returns>The key.</returns>
    /// <exception cref="FormatException">The text is not base64 of 32 bytes.</exception>
    public static MasterKey FromBase64(string base64)
    {
        ArgumentNullException.ThrowIfNull(base64);
        var bytes = new byte[Length + 3];
        if (!Convert.TryFromBase64String(base64.Trim(), bytes, out var written) || written != Length)
        {
            throw new FormatException($"The master key must be {Length} bytes in base64 (44 characters).");
        }

        return new MasterKey(bytes.AsSpan(0, Length));
    }

    /// <summary>Makes a new random master key.</summary>
    /// <returns>The key.</returns>
    public static MasterKey Generate() => new(RandomNumberGenerator.GetBytes(Length));

    /// <summary>The key as base64, for writing to a protected file or a secret store.</summary>
    /// <returns>44 characters.</returns>
    public string ToBase64() => Convert.ToBase64String(_key);

    /// <summary>Encrypts a tenant's data key, bound to the tenant and the key id.</summary>
    /// <param name="dataKey">The 32-byte data key.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="dataKeyId">The data key's id.</param>
    /// <returns>Nonce, tag and ciphertext.</returns>
    public byte[] Wrap(ReadOnlySpan<byte> dataKey, string tenantId, string dataKeyId)
    {
        var wrapped = new byte[FieldCipher.NonceLength + FieldCipher.TagLength + dataKey.Length];
        var nonce = wrapped.AsSpan(0, FieldCipher.NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(_key, FieldCipher.TagLength);
        aes.Encrypt(nonce, dataKey, wrapped.AsSpan(FieldCipher.NonceLength + FieldCipher.TagLength), wrapped.AsSpan(FieldCipher.NonceLength, FieldCipher.TagLength), Aad(tenantId, dataKeyId));
        return wrapped;
    }

    /// <summary>Decrypts a data key made by <see cref="Wrap"/>.</summary>
    /// <param name="wrapped">Nonce, tag and ciphertext.</param>
    /// <param name="tenantId">The tenant it was wrapped for.</param>
    /// <param name="dataKeyId">The data key's id.</param>
    /// <returns>The data key.</returns>
    /// <exception cref="CryptographicException">Another master key wrapped it, or it was altered or moved to another tenant or id.</exception>
    public byte[] Unwrap(ReadOnlySpan<byte> wrapped, string tenantId, string dataKeyId)
    {
        if (wrapped.Length <= FieldCipher.NonceLength + FieldCipher.TagLength)
        {
            throw new CryptographicException("A wrapped data key is too short.");
        }

        var key = new byte[wrapped.Length - FieldCipher.NonceLength - FieldCipher.TagLength];
        using var aes = new AesGcm(_key, FieldCipher.TagLength);
        aes.Decrypt(wrapped[..FieldCipher.NonceLength], wrapped[(FieldCipher.NonceLength + FieldCipher.TagLength)..], wrapped.Slice(FieldCipher.NonceLength, FieldCipher.TagLength), key, Aad(tenantId, dataKeyId));
        return key;
    }

    private static byte[] Aad(string tenantId, string dataKeyId) => Encoding.UTF8.GetBytes($"palmkey/data-key/v1\0{tenantId}\0{dataKeyId}");
}
