using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using PalmKey.Cli.Device;
using PalmKey.Server.Devices;
using Synthetic = PalmKey.Cli.Bench.SyntheticPalm;

namespace PalmKey.Tests.Device;

/// <summary>
/// The device protocol against the real server on Kestrel at 127.0.0.1: signatures, replays, tampered
/// bodies, clock skew, deactivation, other tenants' keys, sealed frames and the hover gesture.
/// </summary>
public sealed class SignedRequestTests
{
    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_signed_request_is_accepted_and_the_device_is_marked_seen()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var device = server.DeviceClient(identity);
        using var admin = server.Client(server.Demo.AdminKey);

        var disclosure = await KestrelServer.ReadAsync(await device.GetAsync(new Uri("/v1/enrollments/disclosure", UriKind.Relative), Ct));
        var view = await KestrelServer.ReadAsync(await admin.GetAsync(new Uri($"/v1/admin/devices/{identity.DeviceId}", UriKind.Relative), Ct));

        Assert.False(string.IsNullOrEmpty(disclosure.GetProperty("version").GetString()));
        Assert.Equal(JsonValueKind.String, view.GetProperty("activatedAt").ValueKind);
        Assert.Equal(JsonValueKind.String, view.GetProperty("lastSeenAt").ValueKind);
    }

    [Fact]
    public async Task An_activation_code_works_once_and_bearer_device_keys_are_gone()
    {
        await using var server = await KestrelServer.StartAsync();
        await server.ActivateAsync(server.Demo.ActivationCode!);
        using var anonymous = server.Client();
        using var key = System.Security.Cryptography.ECDsa.Create(System.Security.Cryptography.ECCurve.NamedCurves.nistP256);

        var again = await anonymous.PostAsJsonAsync(new Uri("/v1/devices/activate", UriKind.Relative), new { code = server.Demo.ActivationCode, publicKey = key.ExportSubjectPublicKeyInfo() }, KestrelServer.Json, Ct);
        using var bearer = server.Client("pkd_" + new string('a', 52));
        var withBearer = await bearer.GetAsync(new Uri("/v1/enrollments/disclosure", UriKind.Relative), Ct);

        await KestrelServer.ProblemAsync(again, HttpStatusCode.UnprocessableEntity, "activation-code-invalid");
        await KestrelServer.ProblemAsync(withBearer, HttpStatusCode.Unauthorized, "unauthorized");
    }

    [Fact]
    public async Task A_replayed_request_is_refused()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var raw = server.Client();

        var first = await raw.SendAsync(Signed(identity, server, HttpMethod.Get, "/v1/devices/ingestion-key", [], DateTimeOffset.UtcNow, "nonce-0123456789abcdef"), Ct);
        var replay = await raw.SendAsync(Signed(identity, server, HttpMethod.Get, "/v1/devices/ingestion-key", [], DateTimeOffset.UtcNow, "nonce-0123456789abcdef"), Ct);

        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Contains("nonce", await KestrelServer.ProblemAsync(replay, HttpStatusCode.Unauthorized, "device-replay"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tampered_body_and_a_forged_signature_are_refused()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var raw = server.Client();
        var signedBody = """{"consent":{"disclosureVersion":"x","accepted":true},"phone":"+15550100001"}"""u8.ToArray();
        var otherBody = """{"consent":{"disclosureVersion":"x","accepted":true},"phone":"+15550100002"}"""u8.ToArray();

        var tampered = Signed(identity, server, HttpMethod.Post, "/v1/enrollments", signedBody, DateTimeOffset.UtcNow);
        tampered.Content = Json(otherBody);
        var forged = Signed(identity, server, HttpMethod.Post, "/v1/enrollments", signedBody, DateTimeOffset.UtcNow);
        forged.Headers.Remove(DeviceProtocol.ContentHashHeader);
        forged.Headers.Add(DeviceProtocol.ContentHashHeader, DeviceProtocol.BodyHash(otherBody));
        forged.Content = Json(otherBody);
        var unsigned = new HttpRequestMessage(HttpMethod.Get, new Uri(server.Address, "/v1/enrollments/disclosure"));
        unsigned.Headers.Add(DeviceProtocol.DeviceHeader, identity.DeviceId);

        await KestrelServer.ProblemAsync(await raw.SendAsync(tampered, Ct), HttpStatusCode.Unauthorized, "device-body-tampered");
        await KestrelServer.ProblemAsync(await raw.SendAsync(forged, Ct), HttpStatusCode.Unauthorized, "device-signature-invalid");
        await KestrelServer.ProblemAsync(await raw.SendAsync(unsigned, Ct), HttpStatusCode.Unauthorized, "device-signature-invalid");
    }

    [Fact]
    public async Task A_timestamp_beyond_the_skew_window_is_refused()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var raw = server.Client();

        var late = await raw.SendAsync(Signed(identity, server, HttpMethod.Get, "/v1/enrollments/disclosure", [], DateTimeOffset.UtcNow.AddMinutes(-6)), Ct);
        var early = await raw.SendAsync(Signed(identity, server, HttpMethod.Get, "/v1/enrollments/disclosure", [], DateTimeOffset.UtcNow.AddMinutes(6)), Ct);
        var within = await raw.SendAsync(Signed(identity, server, HttpMethod.Get, "/v1/enrollments/disclosure", [], DateTimeOffset.UtcNow.AddMinutes(-4)), Ct);

        Assert.Contains("clock", await KestrelServer.ProblemAsync(late, HttpStatusCode.Unauthorized, "device-clock-skew"), StringComparison.Ordinal);
        await KestrelServer.ProblemAsync(early, HttpStatusCode.Unauthorized, "device-clock-skew");
        Assert.Equal(HttpStatusCode.OK, within.StatusCode);
    }

    [Fact]
    public async Task A_deactivated_device_is_refused_on_its_very_next_request()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var device = server.DeviceClient(identity);
        using var admin = server.Client(server.Demo.AdminKey);

        var before = await device.GetAsync(new Uri("/v1/enrollments/disclosure", UriKind.Relative), Ct);
        await KestrelServer.ReadAsync(await admin.PostAsync(new Uri($"/v1/admin/devices/{identity.DeviceId}/deactivate", UriKind.Relative), null, Ct));
        var after = await device.GetAsync(new Uri("/v1/enrollments/disclosure", UriKind.Relative), Ct);

        Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        await KestrelServer.ProblemAsync(after, HttpStatusCode.Unauthorized, "device-deactivated");
    }

    [Fact]
    public async Task Another_tenants_device_id_site_and_ingestion_key_are_refused()
    {
        await using var server = await KestrelServer.StartAsync();
        var a = await server.ActivateAsync(server.Demo.ActivationCode!);
        var (adminB, codeB) = await server.AddTenantAsync("Bravo");
        var b = await server.ActivateAsync(codeB);
        using var raw = server.Client();
        using var deviceA = server.DeviceClient(a);
        using var deviceB = server.DeviceClient(b);

        // A's key signing as B's device.
        var asB = a with { DeviceId = b.DeviceId, TenantId = b.TenantId };
        var impersonation = await raw.SendAsync(Signed(asB, server, HttpMethod.Get, "/v1/enrollments/disclosure", [], DateTimeOffset.UtcNow), Ct);

        // A's device naming B's site.
        var foreignSite = await deviceA.PostAsJsonAsync(new Uri("/v1/identify", UriKind.Relative), new { frames = Synthetic.Hover(3, 1), purpose = "checkout", siteId = b.SiteId }, KestrelServer.Json, Ct);

        // A's device sealing its frames to B's ingestion key.
        var keyB = await KestrelServer.ReadAsync(await deviceB.GetAsync(new Uri("/v1/devices/ingestion-key", UriKind.Relative), Ct));
        var plain = JsonSerializer.SerializeToUtf8Bytes(new { frames = Synthetic.Hover(3, 2), purpose = "checkout" }, KestrelServer.Json);
        var sealedToB = DeviceProtocol.Seal(plain, keyB.GetProperty("publicKey").GetBytesFromBase64(), keyB.GetProperty("keyId").GetString()!, a.TenantId, a.DeviceId);
        var wrongKey = Signed(a, server, HttpMethod.Post, "/v1/identify", sealedToB, DateTimeOffset.UtcNow);
        wrongKey.Content = Sealed(sealedToB);

        // A body sealed for A's tenant but sent by B's device.
        var keyA = await KestrelServer.ReadAsync(await deviceA.GetAsync(new Uri("/v1/devices/ingestion-key", UriKind.Relative), Ct));
        var sealedForA = DeviceProtocol.Seal(plain, keyA.GetProperty("publicKey").GetBytesFromBase64(), keyA.GetProperty("keyId").GetString()!, a.TenantId, a.DeviceId);
        var movedBody = Signed(b, server, HttpMethod.Post, "/v1/identify", sealedForA, DateTimeOffset.UtcNow);
        movedBody.Content = Sealed(sealedForA);

        await KestrelServer.ProblemAsync(impersonation, HttpStatusCode.Unauthorized, "device-signature-invalid");
        await KestrelServer.ProblemAsync(foreignSite, HttpStatusCode.UnprocessableEntity, "unknown-site");
        Assert.Contains("not this tenant's ingestion key", await KestrelServer.ProblemAsync(await raw.SendAsync(wrongKey, Ct), HttpStatusCode.BadRequest, "sealed-body-invalid"), StringComparison.Ordinal);
        await KestrelServer.ProblemAsync(await raw.SendAsync(movedBody, Ct), HttpStatusCode.BadRequest, "sealed-body-invalid");
        Assert.NotEqual(keyA.GetProperty("keyId").GetString(), keyB.GetProperty("keyId").GetString());
        Assert.NotEmpty(adminB);
    }

    [Fact]
    public async Task Plain_frames_from_a_device_are_refused_and_sealed_ones_accepted()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var plainDevice = new HttpClient(new DeviceRequestSigner(identity, inner: new SocketsHttpHandler()) { SealBodies = false }) { BaseAddress = server.Address };
        using var device = server.DeviceClient(identity);

        var plain = await plainDevice.PostAsJsonAsync(new Uri("/v1/identify", UriKind.Relative), new { frames = Synthetic.Hover(4, 1), purpose = "checkout" }, KestrelServer.Json, Ct);
        var sealedAnswer = await KestrelServer.ReadAsync(await device.PostAsJsonAsync(new Uri("/v1/identify", UriKind.Relative), new { frames = Synthetic.Hover(4, 2), purpose = "checkout" }, KestrelServer.Json, Ct));

        await KestrelServer.ProblemAsync(plain, HttpStatusCode.UnsupportedMediaType, "sealed-body-required");
        Assert.False(sealedAnswer.GetProperty("recognized").GetBoolean());
    }

    [Fact]
    public async Task Still_images_replayed_frames_unsteady_palms_and_single_frames_are_refused()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = await server.ActivateAsync(server.Demo.ActivationCode!);
        using var device = server.DeviceClient(identity);
        var hover = Synthetic.Hover(5, 1);
        var frame = Synthetic.Png(5, 900);

        var still = await Identify(device, [frame, frame, frame]);
        var reencoded = await Identify(device, [Synthetic.Png(5, 901), Reencode(Synthetic.Png(5, 901)), Synthetic.Png(5, 902)]);
        var first = await Identify(device, hover);
        var replayed = await Identify(device, hover);
        var unsteady = await Identify(device, [Synthetic.Png(6, 903), Synthetic.Png(7, 903), Synthetic.Png(8, 903)]);
        var single = await Identify(device, [Synthetic.Png(5, 904)]);

        await KestrelServer.ProblemAsync(still, HttpStatusCode.UnprocessableEntity, "still-image");
        await KestrelServer.ProblemAsync(reencoded, HttpStatusCode.UnprocessableEntity, "still-image");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await KestrelServer.ProblemAsync(replayed, HttpStatusCode.UnprocessableEntity, "replayed-frames");
        await KestrelServer.ProblemAsync(unsteady, HttpStatusCode.UnprocessableEntity, "unstable-palm");
        await KestrelServer.ProblemAsync(single, HttpStatusCode.UnprocessableEntity, "gesture-required");
    }

    private static Task<HttpResponseMessage> Identify(HttpClient device, byte[][] frames) =>
        device.PostAsJsonAsync(new Uri("/v1/identify", UriKind.Relative), new { frames, purpose = "checkout" }, KestrelServer.Json, Ct);

    // The same pixels in a different PNG encoding: an uncompressed-filter variant made by the Core encoder over a copy.
    private static byte[] Reencode(byte[] png)
    {
        var image = ImageCodec.DecodeGray(png);
        return NetpbmBytes(image);
    }

    private static byte[] NetpbmBytes(GrayImage image)
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{image.Width} {image.Height}\n255\n");
        return [.. header, .. image.Pixels];
    }

    private static HttpRequestMessage Signed(DeviceIdentity identity, KestrelServer server, HttpMethod method, string path, byte[] body, DateTimeOffset at, string? nonce = null)
    {
        var request = new HttpRequestMessage(method, new Uri(server.Address, path));
        if (body.Length > 0)
        {
            request.Content = Json(body);
        }

        identity.Sign(request, body, at, nonce);
        return request;
    }

    private static ByteArrayContent Json(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return content;
    }

    private static ByteArrayContent Sealed(byte[] body)
    {
        var content = new ByteArrayContent(body);
        content.Headers.ContentType = new MediaTypeHeaderValue(DeviceProtocol.SealedMediaType);
        return content;
    }
}
