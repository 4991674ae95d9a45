using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using PalmKey.Server.Privacy;

namespace PalmKey.Server.Tests;

/// <summary>
/// The server in memory, on a SQLite database in a temporary data folder, with a fake clock and a
/// known operator key. A second factory on the same <see cref="DataFolder"/> and master key is a
/// restart.
/// </summary>
internal sealed class PalmKeyServerFactory : WebApplicationFactory<Program>
{
    public const string OperatorKey = "pko_0123456789abcdefghjkmnpqrstvwxyz0123456789abcdefghjk";
    public static readonly DateTimeOffset Start = new(2026, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly Dictionary<string, string?> _settings;
    private readonly IOutstandingTransactions? _outstanding;
    private readonly Func<Index.ITenantPalmIndex>? _index;
    private readonly bool _ownsFolder;

    public PalmKeyServerFactory(
        string? dataFolder = null,
        string? masterKey = null,
        FakeClock? clock = null,
        IReadOnlyDictionary<string, string?>? settings = null,
        IOutstandingTransactions? outstanding = null,
        Func<Index.ITenantPalmIndex>? index = null)
    {
        _ownsFolder = dataFolder is null;
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("palmkey-server-").FullName;
        MasterKey = masterKey ?? Storage.Crypto.MasterKey.Generate().ToBase64();
        Clock = clock ?? new FakeClock(Start);
        _outstanding = outstanding;
        _index = index;
        _settings = new Dictionary<string, string?>
        {
            ["PalmKey:MasterKey"] = MasterKey,
            ["PalmKey:DataDirectory"] = DataFolder,
            ["PalmKey:OperatorKeyHash"] = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(OperatorKey))),
            ["PalmKey:Identification:PermitsPerSecond"] = "1000",
            ["PalmKey:Identification:Burst"] = "1000",
            ["PalmKey:Otp:SignInRequestsPerMinute"] = "1000",
            ["PalmKey:Otp:MaxSends"] = "100",
            ["PalmKey:Identification:ActivationsPerMinute"] = "1000",

            // Tests run the purge themselves; the one that tests the job turns it on.
            ["PalmKey:Retention:Enabled"] = "false",
            ["PalmKey:Payments:SettlementEnabled"] = "false",
            ["PalmKey:Webhooks:Enabled"] = "false",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
    }

    public string DataFolder { get; }

    public string MasterKey { get; }

    public FakeClock Clock { get; }

    public CapturedLogs Logs { get; } = new();

    public string DatabaseFile => Path.Combine(DataFolder, Storage.PalmKeyDatabase.SqliteFileName);

    /// <summary>A client that sends the given credential.</summary>
    public HttpClient ClientWith(string? token)
    {
        var client = CreateClient();
        if (token is not null)
        {
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }

        return client;
    }

    /// <summary>A client that signs (and seals) every request as the device, with the factory's clock.</summary>
    public HttpClient DeviceClient(DeviceIdentity identity) => CreateDefaultClient(new DeviceRequestSigner(identity, Clock));

    /// <summary>Activates a device with its one-time code; returns its identity (key pair and ids).</summary>
    public async Task<DeviceIdentity> ActivateAsync(string code)
    {
        using var anonymous = CreateClient();
        return await DeviceIdentity.ActivateAsync(anonymous, code, TestContext.Current.CancellationToken);
    }

    /// <summary>
    /// Serves on a real Kestrel socket on 127.0.0.1 (a free port) instead of in memory, for a browser;
    /// call before the first client. <see cref="ServerAddress"/> is the address once started.
    /// </summary>
    public PalmKeyServerFactory UseLoopback()
    {
        UseKestrel(options => options.Listen(System.Net.IPAddress.Loopback, 0));
        return this;
    }

    /// <summary>The Kestrel address after <see cref="UseLoopback"/> and the start, such as http://127.0.0.1:40123.</summary>
    public Uri ServerAddress
    {
        get
        {
            StartServer();
            var addresses = Services.GetRequiredService<Microsoft.AspNetCore.Hosting.Server.IServer>().Features.Get<Microsoft.AspNetCore.Hosting.Server.Features.IServerAddressesFeature>()!;
            return new Uri(addresses.Addresses.First());
        }
    }

    /// <summary>Starts the server and waits until /health/ready says the indexes are loaded.</summary>
    public async Task<PalmKeyServerFactory> StartAsync()
    {
        using var client = CreateClient();
        for (var attempt = 0; attempt < 200; attempt++)
        {
            using var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative), TestContext.Current.CancellationToken);
            if (response.IsSuccessStatusCode)
            {
                return this;
            }

            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        throw new TimeoutException("The server did not become ready.");
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.SetMinimumLevel(LogLevel.Trace).AddProvider(Logs));
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<TimeProvider>(Clock);
            if (_index is not null)
            {
                services.AddSingleton(new Index.PalmIndexRegistry(_index));
            }

            if (_outstanding is not null)
            {
                services.AddSingleton(_outstanding);
            }
        });
    }

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        SqliteConnection.ClearAllPools();
        if (_ownsFolder)
        {
            Directory.Delete(DataFolder, recursive: true);
        }
    }
}
