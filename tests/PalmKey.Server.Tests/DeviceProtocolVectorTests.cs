using System.Security.Cryptography;
using System.Text;
using PalmKey.Server.Devices;

namespace PalmKey.Server.Tests;

/// <summary>
/// The worked example in docs/protocol.md, recomputed from fixed keys and inputs: every value there
/// must be what the code computes, byte for byte, and the intermediate values are derived here
/// independently of <see cref="DeviceProtocol"/>'s internals, so the text and the code check each other.
/// </summary>
public sealed class DeviceProtocolVectorTests
{
    private const string TenantId = "ten_0000000000000000000000000a";
    private const string DeviceId = "dev_0000000000000000000000000b";
    private const string KeyId = "ik_0000000000000000000000000c";
    private const string Path = "/v1/identify";
    private const long Timestamp = 1_795_000_000;
    private const string Nonce = "bm9uY2Utb2YtdGhlLWV4YW1wbGU";
    private static readonly byte[] Plaintext = """{"frames":["iVBORw0KGgo="],"purpose":"checkout"}"""u8.ToArray();
    private static readonly byte[] SealNonce = Convert.FromHexString("000102030405060708090a0b");

    [Fact]
    public void The_worked_example_in_docs_protocol_md_is_what_the_code_computes()
    {
        var doc = File.ReadAllText(System.IO.Path.Combine(TestData.RepositoryRoot!, "docs", "protocol.md"));
        var example = WorkedExample(out var canonical, out var devicePublic);

        Assert.True(doc.Contains(example, StringComparison.Ordinal), "docs/protocol.md must contain this block verbatim:\n" + example);

        // ECDSA signatures are randomized, so the document's signature is checked by verifying it.
        var signature = doc.Split('\n').Single(l => l.StartsWith("PalmKey-Signature: ", StringComparison.Ordinal))["PalmKey-Signature: ".Length..].Trim();
        Assert.True(DeviceProtocol.Verify(devicePublic, canonical, signature), "The example signature must verify:\n" + Sign(canonical));
    }

    [Fact]
    public void A_sealed_body_opens_only_for_its_tenant_device_and_bytes()
    {
        using var ingestionDsa = Key(ScalarOf("ingestion"));
        using var ingestion = ECDiffieHellman.Create(ingestionDsa.ExportParameters(true));
        var publicKey = ingestion.ExportSubjectPublicKeyInfo();
        var sealedBody = DeviceProtocol.Seal(Plaintext, publicKey, KeyId, TenantId, DeviceId);
        var tampered = (byte[])sealedBody.Clone();
        tampered[^20] ^= 1;

        Assert.Equal(Plaintext, DeviceProtocol.Open(sealedBody, ingestion, TenantId, DeviceId));
        Assert.NotEqual(sealedBody, DeviceProtocol.Seal(Plaintext, publicKey, KeyId, TenantId, DeviceId));
        Assert.ThrowsAny<CryptographicException>(() => DeviceProtocol.Open(sealedBody, ingestion, "ten_other", DeviceId));
        Assert.ThrowsAny<CryptographicException>(() => DeviceProtocol.Open(sealedBody, ingestion, TenantId, "dev_other"));
        Assert.ThrowsAny<CryptographicException>(() => DeviceProtocol.Open(tampered, ingestion, TenantId, DeviceId));
        Assert.Equal(KeyId, DeviceProtocol.KeyIdOf(sealedBody));
        Assert.Null(DeviceProtocol.KeyIdOf("{\"frames\":[]}"u8));
    }

    private static string WorkedExample(out string canonical, out byte[] devicePublic)
    {
        using var device = Key(ScalarOf("device"));
        using var ingestion = Key(ScalarOf("ingestion"));
        using var ephemeralDsa = Key(ScalarOf("ephemeral"));
        using var ephemeral = ECDiffieHellman.Create(ephemeralDsa.ExportParameters(true));
        using var recipient = ECDiffieHellman.Create(ingestion.ExportParameters(true));
        devicePublic = device.ExportSubjectPublicKeyInfo();
        var ingestionPublic = ingestion.ExportSubjectPublicKeyInfo();

        var point = DeviceProtocol.Point(ephemeral.ExportParameters(false));
        var shared = ephemeral.DeriveRawSecretAgreement(recipient.PublicKey);
        var info = $"palmkey sealed body v1\0{TenantId}\0{KeyId}\0{DeviceId}";
        var aesKey = HKDF.DeriveKey(HashAlgorithmName.SHA256, shared, 32, point, Encoding.UTF8.GetBytes(info));
        var header = (byte[])[.. "PKS1"u8, (byte)KeyId.Length, .. Encoding.ASCII.GetBytes(KeyId), .. point];
        var ciphertext = new byte[Plaintext.Length];
        var tag = new byte[16];
        using (var aes = new AesGcm(aesKey, 16))
        {
            aes.Encrypt(SealNonce, Plaintext, ciphertext, tag, header);
        }

        var sealedBody = DeviceProtocol.Seal(Plaintext, ingestionPublic, KeyId, TenantId, DeviceId, ephemeral, SealNonce);
        Assert.Equal((byte[])[.. header, .. SealNonce, .. ciphertext, .. tag], sealedBody);
        Assert.Equal(Plaintext, DeviceProtocol.Open(sealedBody, recipient, TenantId, DeviceId));

        var bodyHash = DeviceProtocol.BodyHash(sealedBody);
        canonical = DeviceProtocol.CanonicalString("POST", Path, bodyHash, Timestamp, Nonce, DeviceId);
        return string.Join('\n', [
            "```text",
            $"device private key d (hex)       {Hex(ScalarOf("device"))}",
            $"device public key (SPKI, base64) {Convert.ToBase64String(devicePublic)}",
            $"ingestion private key d (hex)    {Hex(ScalarOf("ingestion"))}",
            $"ingestion public key (base64)    {Convert.ToBase64String(ingestionPublic)}",
            $"ingestion key id                 {KeyId}",
            $"tenant id                        {TenantId}",
            $"device id                        {DeviceId}",
            $"plaintext body (UTF-8)           {Encoding.UTF8.GetString(Plaintext)}",
            $"ephemeral private key d (hex)    {Hex(ScalarOf("ephemeral"))}",
            $"ephemeral point (hex)            {Hex(point)}",
            $"ECDH shared secret x (hex)       {Hex(shared)}",
            $"HKDF info (\\0 = byte 0)          {info.Replace("\0", "\\0", StringComparison.Ordinal)}",
            $"AES-256 key (hex)                {Hex(aesKey)}",
            $"AES-GCM nonce (hex)              {Hex(SealNonce)}",
            $"ciphertext (hex)                 {Hex(ciphertext)}",
            $"tag (hex)                        {Hex(tag)}",
            $"sealed body (base64)             {Convert.ToBase64String(sealedBody)}",
            $"SHA-256 of sealed body (hex)     {bodyHash}",
            "```",
            string.Empty,
            "The canonical string (seven lines joined by `\\n`, no final newline):",
            string.Empty,
            "```text",
            canonical,
            "```",
        ]);
    }

    private static string Sign(string canonical)
    {
        using var device = Key(ScalarOf("device"));
        return DeviceProtocol.Sign(device, canonical);
    }

    private static string Hex(byte[] bytes) => Convert.ToHexStringLower(bytes);

    // A valid P-256 scalar from a label: SHA-256 of it, far below the group order in practice.
    private static byte[] ScalarOf(string label) => SHA256.HashData(Encoding.UTF8.GetBytes($"palmkey protocol example {label} key"));

    private static ECDsa Key(byte[] d)
    {
        var key = ECDsa.Create(new ECParameters { Curve = ECCurve.NamedCurves.nistP256, D = d });
        return key;
    }
}
