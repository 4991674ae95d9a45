using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace PalmKey.Server.Devices;

/// <summary>
/// The wire protocol between a palm scanner and the server (docs/protocol.md), shared by the server,
/// which verifies and opens, and device code, which signs and seals. Every device request carries an
/// ECDSA P-256 signature over <see cref="CanonicalString"/>; bodies are sealed to the tenant's
/// ingestion key with ephemeral ECDH P-256, HKDF-SHA256 and AES-256-GCM (<see cref="Seal"/>). All
/// members are stateless and thread-safe; costs are one ECDSA operation (about 0.1 ms) per signature
/// and one ECDH plus a pass of AES-GCM per sealed body.
/// </summary>
public static class DeviceProtocol
{
    /// <summary>The header naming the device (<c>dev_...</c>).</summary>
    public const string DeviceHeader = "PalmKey-Device";

    /// <summary>The header with the request time, Unix seconds.</summary>
    public const string TimestampHeader = "PalmKey-Timestamp";

    /// <summary>The header with a random single-use value, 16 to 64 characters of base64url.</summary>
    public const string NonceHeader = "PalmKey-Nonce";

    /// <summary>The header with the SHA-256 of the body bytes as sent, lowercase hex.</summary>
    public const string ContentHashHeader = "PalmKey-Content-SHA256";

    /// <summary>The header with the signature: base64 of the 64-byte IEEE P1363 form (r then s).</summary>
    public const string SignatureHeader = "PalmKey-Signature";

    /// <summary>The media type of a sealed body.</summary>
    public const string SealedMediaType = "application/vnd.palmkey.sealed";

    /// <summary>The first line of the canonical string, naming the protocol version.</summary>
    public const string SignatureVersion = "PALMKEY-DEVICE-V1";

    /// <summary>How far a request's timestamp may be from the server's clock.</summary>
    public static readonly TimeSpan ClockSkew = TimeSpan.FromMinutes(5);

    private static readonly byte[] SealMagic = "PKS1"u8.ToArray();
    private const int PointLength = 65;
    private const int NonceLength = 12;
    private const int TagLength = 16;

    /// <summary>SHA-256 of body bytes as lowercase hex; the hash of an empty body for none.</summary>
    /// <param name="body">The body bytes exactly as sent.</param>
    /// <returns>64 hex characters.</returns>
    public static string BodyHash(ReadOnlySpan<byte> body) => Convert.ToHexStringLower(SHA256.HashData(body));

    /// <summary>
    /// The text a device signs: seven lines joined by <c>\n</c>, no trailing newline: the version,
    /// the method in upper case, the path and query as sent, the body hash, the timestamp, the nonce
    /// and the device id.
    /// </summary>
    /// <param name="method">The HTTP method.</param>
    /// <param name="pathAndQuery">The request target as sent, e.g. <c>/v1/identify</c>.</param>
    /// <param name="bodyHash">From <see cref="BodyHash"/>.</param>
    /// <param name="timestamp">Unix seconds.</param>
    /// <param name="nonce">The nonce.</param>
    /// <param name="deviceId">The device.</param>
    /// <returns>The canonical string.</returns>
    public static string CanonicalString(string method, string pathAndQuery, string bodyHash, long timestamp, string nonce, string deviceId)
    {
        ArgumentException.ThrowIfNullOrEmpty(method);
        ArgumentException.ThrowIfNullOrEmpty(pathAndQuery);
        return string.Join(
            '\n',
            SignatureVersion,
            method.ToUpperInvariant(),
            pathAndQuery,
            bodyHash,
            timestamp.ToString(CultureInfo.InvariantCulture),
            nonce,
            deviceId);
    }

    /// <summary>Signs a canonical string with the device's key.</summary>
    /// <param name="key">The device's P-256 private key.</param>
    /// <param name="canonical">From <see cref="CanonicalString"/>.</param>
    /// <returns>Base64 of the 64-byte signature.</returns>
    public static string Sign(ECDsa key, string canonical)
    {
        ArgumentNullException.ThrowIfNull(key);
        return Convert.ToBase64String(key.SignData(Encoding.UTF8.GetBytes(canonical), HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation));
    }

    /// <summary>Checks a signature against a device's public key.</summary>
    /// <param name="publicKey">SubjectPublicKeyInfo (DER) of a P-256 key.</param>
    /// <param name="canonical">The canonical string the server rebuilt.</param>
    /// <param name="signature">Base64 from the header.</param>
    /// <returns>Whether it verifies; false for malformed input too.</returns>
    public static bool Verify(ReadOnlySpan<byte> publicKey, string canonical, string signature)
    {
        var raw = new byte[64];
        if (!Convert.TryFromBase64String(signature, raw, out var written) || written != 64)
        {
            return false;
        }

        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKey, out _);
        }
        catch (CryptographicException)
        {
            return false;
        }

        return key.VerifyData(Encoding.UTF8.GetBytes(canonical), raw, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
    }

    /// <summary>Whether bytes are the SubjectPublicKeyInfo of a key on P-256.</summary>
    /// <param name="publicKey">DER bytes.</param>
    /// <returns>True for a P-256 key.</returns>
    public static bool IsP256PublicKey(ReadOnlySpan<byte> publicKey)
    {
        using var key = ECDsa.Create();
        try
        {
            key.ImportSubjectPublicKeyInfo(publicKey, out var read);
            return read == publicKey.Length && key.ExportParameters(false).Curve.Oid.Value == ECCurve.NamedCurves.nistP256.Oid.Value;
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>
    /// Seals a body to a tenant's ingestion key. Layout: <c>PKS1</c>, one byte key id length, the key
    /// id (ASCII), the ephemeral public key (65 bytes, uncompressed SEC1), a 12-byte nonce, the
    /// ciphertext, a 16-byte tag. The AES-256 key is HKDF-SHA256 of the ECDH shared secret (the x
    /// coordinate), salt the ephemeral point, info <c>palmkey sealed body v1\0TENANT\0KEY\0DEVICE</c>;
    /// the associated data is everything before the nonce.
    /// </summary>
    /// <param name="plaintext">The body, such as JSON with base64 frames.</param>
    /// <param name="ingestionPublicKey">The tenant's ingestion key (SubjectPublicKeyInfo, DER).</param>
    /// <param name="keyId">Its id.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="deviceId">The sending device.</param>
    /// <param name="ephemeral">A fresh P-256 key for this body; only fixed for test vectors.</param>
    /// <param name="nonce">12 bytes; random when null.</param>
    /// <returns>The sealed body.</returns>
    public static byte[] Seal(ReadOnlySpan<byte> plaintext, ReadOnlySpan<byte> ingestionPublicKey, string keyId, string tenantId, string deviceId, ECDiffieHellman? ephemeral = null, byte[]? nonce = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(keyId);
        if (keyId.Length > 255 || !Ascii.IsValid(keyId))
        {
            throw new ArgumentException("A key id is at most 255 ASCII characters.", nameof(keyId));
        }

        using var recipient = ECDiffieHellman.Create();
        recipient.ImportSubjectPublicKeyInfo(ingestionPublicKey, out _);
        using var owned = ephemeral is null ? ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256) : null;
        var sender = ephemeral ?? owned!;
        var point = Point(sender.ExportParameters(false));
        var headerLength = SealMagic.Length + 1 + keyId.Length + PointLength;
        var sealedBody = new byte[headerLength + NonceLength + plaintext.Length + TagLength];
        SealMagic.CopyTo(sealedBody, 0);
        sealedBody[SealMagic.Length] = (byte)keyId.Length;
        Encoding.ASCII.GetBytes(keyId, sealedBody.AsSpan(SealMagic.Length + 1));
        point.CopyTo(sealedBody, SealMagic.Length + 1 + keyId.Length);
        var nonceSpan = sealedBody.AsSpan(headerLength, NonceLength);
        if (nonce is null)
        {
            RandomNumberGenerator.Fill(nonceSpan);
        }
        else
        {
            if (nonce.Length != NonceLength)
            {
                throw new ArgumentException("The nonce is 12 bytes.", nameof(nonce));
            }

            nonce.CopyTo(nonceSpan);
        }

        var aesKey = DeriveKey(sender.DeriveRawSecretAgreement(recipient.PublicKey), point, tenantId, keyId, deviceId);
        using var aes = new AesGcm(aesKey, TagLength);
        aes.Encrypt(nonceSpan, plaintext, sealedBody.AsSpan(headerLength + NonceLength, plaintext.Length), sealedBody.AsSpan(sealedBody.Length - TagLength), sealedBody.AsSpan(0, headerLength));
        CryptographicOperations.ZeroMemory(aesKey);
        return sealedBody;
    }

    /// <summary>The key id a sealed body names, or null where the bytes are not a sealed body.</summary>
    /// <param name="sealedBody">The body.</param>
    /// <returns>The key id or null.</returns>
    public static string? KeyIdOf(ReadOnlySpan<byte> sealedBody)
    {
        if (sealedBody.Length < SealMagic.Length + 1 || !sealedBody.StartsWith(SealMagic))
        {
            return null;
        }

        var length = sealedBody[SealMagic.Length];
        return sealedBody.Length < SealMagic.Length + 1 + length + PointLength + NonceLength + TagLength
            ? null
            : Encoding.ASCII.GetString(sealedBody.Slice(SealMagic.Length + 1, length));
    }

    /// <summary>Opens a body sealed by <see cref="Seal"/>.</summary>
    /// <param name="sealedBody">The sealed body.</param>
    /// <param name="ingestionPrivateKey">The tenant's ingestion private key.</param>
    /// <param name="tenantId">The tenant the request authenticated as.</param>
    /// <param name="deviceId">The device that signed the request.</param>
    /// <returns>The plaintext.</returns>
    /// <exception cref="CryptographicException">The body is malformed, was sealed for another key, tenant or device, or was altered.</exception>
    public static byte[] Open(ReadOnlySpan<byte> sealedBody, ECDiffieHellman ingestionPrivateKey, string tenantId, string deviceId)
    {
        ArgumentNullException.ThrowIfNull(ingestionPrivateKey);
        var keyId = KeyIdOf(sealedBody) ?? throw new CryptographicException("The body is not a sealed body.");
        var headerLength = SealMagic.Length + 1 + keyId.Length + PointLength;
        var point = sealedBody.Slice(SealMagic.Length + 1 + keyId.Length, PointLength);
        if (point[0] != 4)
        {
            throw new CryptographicException("The ephemeral key is not an uncompressed P-256 point.");
        }

        using var ephemeral = ECDiffieHellman.Create(new ECParameters
        {
            Curve = ECCurve.NamedCurves.nistP256,
            Q = new ECPoint { X = point.Slice(1, 32).ToArray(), Y = point.Slice(33, 32).ToArray() },
        });
        var aesKey = DeriveKey(ingestionPrivateKey.DeriveRawSecretAgreement(ephemeral.PublicKey), point, tenantId, keyId, deviceId);
        var ciphertext = sealedBody[(headerLength + NonceLength)..^TagLength];
        var plaintext = new byte[ciphertext.Length];
        using var aes = new AesGcm(aesKey, TagLength);
        try
        {
            aes.Decrypt(sealedBody.Slice(headerLength, NonceLength), ciphertext, sealedBody[^TagLength..], plaintext, sealedBody[..headerLength]);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(aesKey);
        }

        return plaintext;
    }

    /// <summary>The 65-byte uncompressed SEC1 point of a public key.</summary>
    /// <param name="parameters">P-256 parameters.</param>
    /// <returns>0x04, X, Y.</returns>
    public static byte[] Point(ECParameters parameters)
    {
        var point = new byte[PointLength];
        point[0] = 4;
        parameters.Q.X!.CopyTo(point, 1);
        parameters.Q.Y!.CopyTo(point, 33);
        return point;
    }

    private static byte[] DeriveKey(byte[] secret, ReadOnlySpan<byte> salt, string tenantId, string keyId, string deviceId)
    {
        var info = Encoding.UTF8.GetBytes($"palmkey sealed body v1\0{tenantId}\0{keyId}\0{deviceId}");
        var key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, salt.ToArray(), info);
        CryptographicOperations.ZeroMemory(secret);
        return key;
    }
}
