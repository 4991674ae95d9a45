using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using PalmKey.Server.Devices;

namespace PalmKey.Cli.Device;

/// <summary>
/// A device's credential: its id, tenant and site, and its ECDSA P-256 private key, which never leaves
/// the device. Made by <see cref="ActivateAsync"/> and kept in a file only the owner can read. It holds
/// no palm data.
/// </summary>
internal sealed record DeviceIdentity(string DeviceId, string TenantId, string SiteId, string PrivateKey, string? Server = null)
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    /// <summary>A new key for this identity's private key, imported from PKCS#8; the caller disposes it.</summary>
    public ECDsa CreateKey()
    {
        var key = ECDsa.Create();
        key.ImportPkcs8PrivateKey(Convert.FromBase64String(PrivateKey), out _);
        return key;
    }

    /// <summary>Makes a key pair and activates it with a one-time code at the server the client points at.</summary>
    public static async Task<DeviceIdentity> ActivateAsync(HttpClient anonymous, string code, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(anonymous);
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        using var response = await anonymous.PostAsJsonAsync(
            new Uri("/v1/devices/activate", UriKind.Relative),
            new { code, publicKey = key.ExportSubjectPublicKeyInfo() },
            Json,
            cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeviceRequestException((int)response.StatusCode, text);
        }

        using var answer = JsonDocument.Parse(text);
        var root = answer.RootElement;
        return new DeviceIdentity(
            root.GetProperty("deviceId").GetString()!,
            root.GetProperty("tenantId").GetString()!,
            root.GetProperty("siteId").GetString()!,
            Convert.ToBase64String(key.ExportPkcs8PrivateKey()),
            anonymous.BaseAddress?.ToString().TrimEnd('/'));
    }

    /// <summary>Writes the identity to a new file readable by its owner only; refuses to overwrite one.</summary>
    public void Save(string path)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, new UTF8Encoding(false), options);
        writer.Write(JsonSerializer.Serialize(this, Json));
    }

    /// <summary>Reads an identity file.</summary>
    /// <exception cref="InvalidDataException">The file is not a device identity.</exception>
    public static DeviceIdentity Load(string path)
    {
        var identity = JsonSerializer.Deserialize<DeviceIdentity>(File.ReadAllText(path), Json);
        return identity is { DeviceId.Length: > 0, TenantId.Length: > 0, PrivateKey.Length: > 0 }
            ? identity
            : throw new InvalidDataException($"{path} is not a device identity file (palmkey device provision makes one).");
    }

    /// <summary>Adds the signature headers to a request whose body (empty for none) is given as sent.</summary>
    public void Sign(HttpRequestMessage request, ReadOnlySpan<byte> body, DateTimeOffset now, string? nonce = null)
    {
        ArgumentNullException.ThrowIfNull(request);
        using var key = CreateKey();
        var timestamp = now.ToUnixTimeSeconds();
        nonce ??= Base64Url(RandomNumberGenerator.GetBytes(18));
        var hash = DeviceProtocol.BodyHash(body);
        var canonical = DeviceProtocol.CanonicalString(request.Method.Method, request.RequestUri!.PathAndQuery, hash, timestamp, nonce, DeviceId);
        var headers = request.Headers;
        foreach (var name in new[] { DeviceProtocol.DeviceHeader, DeviceProtocol.TimestampHeader, DeviceProtocol.NonceHeader, DeviceProtocol.ContentHashHeader, DeviceProtocol.SignatureHeader })
        {
            headers.Remove(name);
        }

        headers.Add(DeviceProtocol.DeviceHeader, DeviceId);
        headers.Add(DeviceProtocol.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
        headers.Add(DeviceProtocol.NonceHeader, nonce);
        headers.Add(DeviceProtocol.ContentHashHeader, hash);
        headers.Add(DeviceProtocol.SignatureHeader, DeviceProtocol.Sign(key, canonical));
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
