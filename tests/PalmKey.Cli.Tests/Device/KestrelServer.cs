using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using PalmKey.Cli.Device;
using PalmKey.Cli.Hosting;
using PalmKey.Server;

namespace PalmKey.Tests.Device;

/// <summary>
/// The server as <c>palmkey serve</c> runs it, on Kestrel at 127.0.0.1 on a free port, with a fresh
/// data folder and the demo tenant; helpers make more tenants and devices through the API.
/// </summary>
internal sealed class KestrelServer : IAsyncDisposable
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly WebApplication _app;
    private readonly string _folder;

    private KestrelServer(WebApplication app, string folder, DemoTenant demo, string operatorKey)
    {
        _app = app;
        _folder = folder;
        Demo = demo;
        OperatorKey = operatorKey;
        Address = new Uri(app.Urls.First(u => u.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
    }

    public Uri Address { get; }

    public DemoTenant Demo { get; }

    public string OperatorKey { get; }

    public static async Task<KestrelServer> StartAsync()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-kestrel-").FullName;
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Warning", ["PalmKey:Identification:ActivationsPerMinute"] = "1000" };
        var (app, secrets) = LocalServer.Build(folder, "http://127.0.0.1:0", settings);
        var ct = TestContext.Current.CancellationToken;
        await app.StartAsync(ct);
        var demo = await PalmKeyAdministration.SeedDemoTenantAsync(app.Services, ct);
        await PalmKeyAdministration.WaitUntilReadyAsync(app.Services, ct);
        return new KestrelServer(app, folder, demo, secrets.NewOperatorKey!);
    }

    public HttpClient Client(string? bearer = null)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (bearer is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }

        return client;
    }

    public HttpClient DeviceClient(DeviceIdentity identity) =>
        new(new DeviceRequestSigner(identity, inner: new SocketsHttpHandler())) { BaseAddress = Address };

    public async Task<DeviceIdentity> ActivateAsync(string code)
    {
        using var anonymous = Client();
        return await DeviceIdentity.ActivateAsync(anonymous, code, TestContext.Current.CancellationToken);
    }

    /// <summary>A second tenant with a site and a device activation code: (admin key, activation code).</summary>
    public async Task<(string AdminKey, string Code)> AddTenantAsync(string name)
    {
        using var operatorClient = Client(OperatorKey);
        var tenant = await ReadAsync(await operatorClient.PostAsJsonAsync(new Uri("/v1/operator/tenants", UriKind.Relative), new { name }, Json, TestContext.Current.CancellationToken), HttpStatusCode.Created);
        var adminKey = tenant.GetProperty("adminKey").GetString()!;
        return (adminKey, await AddDeviceAsync(adminKey));
    }

    /// <summary>Registers a device at the tenant's first site; returns its activation code.</summary>
    public async Task<string> AddDeviceAsync(string adminKey)
    {
        var ct = TestContext.Current.CancellationToken;
        using var admin = Client(adminKey);
        var sites = await ReadAsync(await admin.GetAsync(new Uri("/v1/admin/sites", UriKind.Relative), ct));
        var siteId = sites.GetArrayLength() > 0
            ? sites[0].GetProperty("siteId").GetString()!
            : (await ReadAsync(await admin.PostAsJsonAsync(new Uri("/v1/admin/sites", UriKind.Relative), new { name = "Front" }, Json, ct), HttpStatusCode.Created)).GetProperty("siteId").GetString()!;
        var device = await ReadAsync(await admin.PostAsJsonAsync(new Uri("/v1/admin/devices", UriKind.Relative), new { name = "Scanner", siteId }, Json, ct), HttpStatusCode.Created);
        return device.GetProperty("activationCode").GetString()!;
    }

    public static async Task<JsonElement> ReadAsync(HttpResponseMessage response, HttpStatusCode expected = HttpStatusCode.OK)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == expected, $"Expected {(int)expected}, got {(int)response.StatusCode}: {text}");
            using var document = JsonDocument.Parse(text);
            return document.RootElement.Clone();
        }
    }

    /// <summary>Checks a problem's status and stable type; returns its detail.</summary>
    public static async Task<string> ProblemAsync(HttpResponseMessage response, HttpStatusCode status, string type)
    {
        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
            Assert.True(response.StatusCode == status, $"Expected {(int)status}, got {(int)response.StatusCode}: {text}");
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(text);
            Assert.Equal($"https://palmkey.dev/problems/{type}", problem.RootElement.GetProperty("type").GetString());
            var detail = problem.RootElement.GetProperty("detail").GetString();
            Assert.False(string.IsNullOrWhiteSpace(detail));
            return detail!;
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync(CancellationToken.None);
        await _app.DisposeAsync();
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
