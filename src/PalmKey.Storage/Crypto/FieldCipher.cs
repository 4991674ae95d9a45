using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// The format of an encrypted field: format version (1 byte), key id length (1 byte), key id (ASCII),
/// nonce (12 bytes), tag (16 bytes), ciphertext. AES-256-GCM with associated data that binds the
/// tenant, the row and the field, so a ciphertext copied to another row or field fails to decrypt.
/// </summary>
internal static class FieldCipher
{
    public const int NonceLength = 12;
    public const int TagLength = 16;
    private const byte FormatVersion = 1;

    public static byte[] Encrypt(byte[] key, string keyId, ReadOnlySpan<byte> plaintext, in FieldContext context)
    {
        var header = 2 + keyId.Length;
        var blob = new byte[header + NonceLength + TagLength + plaintext.Length];
        blob[0] = FormatVersion;
        blob[1] = checked((byte)keyId.Length);
        Encoding.ASCII.GetBytes(keyId, blob.AsSpan(2));
        var nonce = blob.AsSpan(header, NonceLength);
        RandomNumberGenerator.Fill(nonce);
        using var aes = new AesGcm(key, TagLength);
        aes.Encrypt(nonce, plaintext, blob.AsSpan(header + NonceLength + TagLength), blob.AsSpan(header + NonceLength, TagLength), context.AssociatedData());
        return blob;
    }

    /// <summary>Reads the key id of an encrypted field without decrypting it.</summary>
    public static string KeyIdOf(ReadOnlySpan<byte> blob)
    {
        if (blob.Length < 2 || blob[0] != FormatVersion || blob.Length < 2 + blob[1] + NonceLength + TagLength)
        {
            throw new CryptographicException("An encrypted field is damaged or of an unknown format.");
        }

        return Encoding.ASCII.GetString(blob.Slice(2, blob[1]));
    }

    public static byte[] Decrypt(byte[] key, ReadOnlySpan<byte> blob, in FieldContext context)
    {
        var header = 2 + KeyIdOf(blob).Length;
        var plaintext = new byte[blob.Length - header - NonceLength - TagLength];
        using var aes = new AesGcm(key, TagLength);
        aes.Decrypt(blob.Slice(header, NonceLength), blob[(header + NonceLength + TagLength)..], blob.Slice(header + NonceLength, TagLength), plaintext, context.AssociatedData());
        return plaintext;
    }
}
