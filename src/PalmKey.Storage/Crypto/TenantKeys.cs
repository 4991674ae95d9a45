using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// A tenant's unwrapped data keys, held in memory: the active one encrypts new writes, every one
/// decrypts. From each data key HKDF derives separate keys for field encryption, the phone look-up
/// hash and one-time-code hashes. Immutable and thread-safe.
/// </summary>
public sealed class TenantKeys
{
    private readonly Dictionary<string, DerivedKeys> _keys;

    internal TenantKeys(string tenantId, string activeKeyId, IEnumerable<KeyValuePair<string, byte[]>> dataKeys)
    {
        TenantId = tenantId;
        ActiveKeyId = activeKeyId;
        _keys = dataKeys.ToDictionary(pair => pair.Key, pair => new DerivedKeys(pair.Value));
        if (!_keys.ContainsKey(activeKeyId))
        {
            throw new ArgumentException("The active key is not among the keys.", nameof(activeKeyId));
        }
    }

    /// <summary>The tenant.</summary>
    public string TenantId { get; }

    /// <summary>The key id new writes use.</summary>
    public string ActiveKeyId { get; }

    /// <summary>The ids of every key held.</summary>
    public IReadOnlyCollection<string> KeyIds => _keys.Keys;

    /// <summary>Encrypts a field under the active key. Costs about a microsecond per kilobyte.</summary>
    /// <param name="plaintext">The value.</param>
    /// <param name="rowId">The row it is stored in.</param>
    /// <param name="field">The field, a <see cref="FieldContext"/> constant.</param>
    /// <returns>The encrypted field.</returns>
    public byte[] Encrypt(ReadOnlySpan<byte> plaintext, string rowId, string field) =>
        FieldCipher.Encrypt(_keys[ActiveKeyId].Encryption, ActiveKeyId, plaintext, new FieldContext(TenantId, rowId, field));

    /// <summary>Encrypts text as UTF-8; see <see cref="Encrypt(ReadOnlySpan{byte}, string, string)"/>.</summary>
    /// <param name="plaintext">The value.</param>
    /// <param name="rowId">The row it is stored in.</param>
    /// <param name="field">The field.</param>
    /// <returns>The encrypted field.</returns>
    public byte[] EncryptText(string plaintext, string rowId, string field) => Encrypt(Encoding.UTF8.GetBytes(plaintext), rowId, field);

    /// <summary>Decrypts a field with whichever of the tenant's keys encrypted it.</summary>
    /// <param name="blob">The encrypted field.</param>
    /// <param name="rowId">The row it was read from.</param>
    /// <param name="field">The field.</param>
    /// <returns>The value.</returns>
    /// <exception cref="CryptographicException">The key is gone (shredded or of another tenant), or the value was altered or moved.</exception>
    public byte[] Decrypt(ReadOnlySpan<byte> blob, string rowId, string field)
    {
        var keyId = FieldCipher.KeyIdOf(blob);
        if (!_keys.TryGetValue(keyId, out var keys))
        {
            throw new CryptographicException($"Data key {keyId} is not a key of this tenant.");
        }

        return FieldCipher.Decrypt(keys.Encryption, blob, new FieldContext(TenantId, rowId, field));
    }

    /// <summary>Decrypts a UTF-8 text field; see <see cref="Decrypt"/>.</summary>
    /// <param name="blob">The encrypted field.</param>
    /// <param name="rowId">The row it was read from.</param>
    /// <param name="field">The field.</param>
    /// <returns>The text.</returns>
    /// <exception cref="CryptographicException">See <see cref="Decrypt"/>.</exception>
    public string DecryptText(ReadOnlySpan<byte> blob, string rowId, string field) => Encoding.UTF8.GetString(Decrypt(blob, rowId, field));

    /// <summary>Whether a field was encrypted under the active key.</summary>
    /// <param name="blob">The encrypted field.</param>
    /// <returns>True when it needs no re-encryption.</returns>
    public bool IsUnderActiveKey(ReadOnlySpan<byte> blob) => FieldCipher.KeyIdOf(blob) == ActiveKeyId;

    /// <summary>The look-up hash of a normalized number under the active key: HMAC-SHA256.</summary>
    /// <param name="e164">A number from <see cref="PhoneNumbers.TryNormalize"/>.</param>
    /// <returns>32 bytes.</returns>
    public byte[] PhoneHash(string e164) => HMACSHA256.HashData(_keys[ActiveKeyId].PhoneLookup, Encoding.UTF8.GetBytes(e164));

    /// <summary>The look-up hashes of a number under every key of the tenant, active first; rows not yet re-encrypted after a rotation carry an older one.</summary>
    /// <param name="e164">A normalized number.</param>
    /// <returns>One hash per key.</returns>
    public IReadOnlyList<byte[]> PhoneHashes(string e164)
    {
        var data = Encoding.UTF8.GetBytes(e164);
        return [.. _keys.OrderBy(pair => pair.Key == ActiveKeyId ? 0 : 1).Select(pair => HMACSHA256.HashData(pair.Value.PhoneLookup, data))];
    }

    /// <summary>The hash of a one-time code under a key: HMAC-SHA256 of the challenge id and the code.</summary>
    /// <param name="keyId">The key the challenge names.</param>
    /// <param name="challengeId">The challenge.</param>
    /// <param name="code">The code.</param>
    /// <returns>32 bytes, or null where the key is no longer held.</returns>
    public byte[]? OtpHash(string keyId, string challengeId, string code) =>
        _keys.TryGetValue(keyId, out var keys) ? HMACSHA256.HashData(keys.Otp, Encoding.UTF8.GetBytes($"{challengeId}\0{code}")) : null;

    private sealed class DerivedKeys
    {
        public DerivedKeys(byte[] dataKey)
        {
            Encryption = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "palmkey field encryption v1"u8.ToArray());
            PhoneLookup = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "palmkey phone lookup v1"u8.ToArray());
            Otp = HKDF.DeriveKey(HashAlgorithmName.SHA256, dataKey, 32, info: "palmkey one-time code v1"u8.ToArray());
            CryptographicOperations.ZeroMemory(dataKey);
        }

        public byte[] Encryption { get; }

        public byte[] PhoneLookup { get; }

        public byte[] Otp { get; }
    }
}
