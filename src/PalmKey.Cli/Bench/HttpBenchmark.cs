using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using PalmKey.Cli.Device;
using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Hosting;
using PalmKey.Server;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Cli.Bench;

/// <summary>
/// Measures identification and enrollment through a running server over HTTP on 127.0.0.1: seeds a
/// gallery of random-code palms straight into a fresh SQLite database, starts the server (which loads
/// them into its index), enrolls a few synthetic palms through the API, then times identification
/// requests one after another.
/// </summary>
internal sealed partial class HttpBenchmark
{
    private const int CapturesPerPalm = 3;
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly int _gallery;
    private readonly int _requests;
    private readonly int _enrollments;
    private readonly TextWriter _progress;

    public HttpBenchmark(int gallery, int requests, int enrollments, TextWriter progress)
    {
        _gallery = gallery;
        _requests = requests;
        _enrollments = enrollments;
        _progress = progress;
    }

    public async Task<HttpBenchmarkResult> RunAsync(CancellationToken cancellationToken)
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-bench-").FullName;
        try
        {
            var masterKey = MasterKey.Generate();
            var settings = new Dictionary<string, string?>
            {
                ["PalmKey:MasterKey"] = masterKey.ToBase64(),
                ["PalmKey:Retention:Enabled"] = "false",
                ["PalmKey:Identification:PermitsPerSecond"] = "100000",
                ["PalmKey:Identification:Burst"] = "100000",
                ["PalmKey:Otp:MaxSends"] = "100000",
                ["Logging:LogLevel:Default"] = "Warning",
            };
            var (app, _) = LocalServer.Build(folder, "http://127.0.0.1:0", settings);
            await using (app.ConfigureAwait(false))
            {
                await PalmKeyAdministration.MigrateAsync(app.Services, cancellationToken).ConfigureAwait(false);
                var demo = await PalmKeyAdministration.SeedDemoTenantAsync(app.Services, cancellationToken).ConfigureAwait(false);
                var seed = Stopwatch.StartNew();
                await SeedGalleryAsync(folder, masterKey, demo.TenantId, cancellationToken).ConfigureAwait(false);
                var seedTime = seed.Elapsed;
                _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"seeded {_gallery:N0} palms in {seedTime.TotalSeconds:F1} s"));

                var load = Stopwatch.StartNew();
                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                await PalmKeyAdministration.WaitUntilReadyAsync(app.Services, cancellationToken).ConfigureAwait(false);
                var loadTime = load.Elapsed;
                _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"server ready, index loaded, in {loadTime.TotalSeconds:F1} s"));

                using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()), Timeout = TimeSpan.FromMinutes(5) };
                var identity = await DeviceIdentity.ActivateAsync(http, demo.ActivationCode!, cancellationToken).ConfigureAwait(false);
                using var device = new HttpClient(new DeviceRequestSigner(identity, inner: new SocketsHttpHandler())) { BaseAddress = http.BaseAddress, Timeout = TimeSpan.FromMinutes(5) };
                var enroll = await EnrollAsync(http, device, demo, cancellationToken).ConfigureAwait(false);
                var identify = await IdentifyAsync(device, cancellationToken).ConfigureAwait(false);
                await app.StopAsync(cancellationToken).ConfigureAwait(false);
                return new HttpBenchmarkResult(_gallery + _enrollments, CapturesPerPalm, seedTime, loadTime, enroll.Latencies, identify.Latencies, identify.GenuineRecognized, identify.Genuine, identify.ImpostorsRecognized, identify.Impostors, enroll.CpuPerRequest, identify.CpuPerRequest);
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    public static string Markdown(HttpBenchmarkResult result, RunInfo run)
    {
        var text = new StringBuilder();
        var culture = CultureInfo.InvariantCulture;
        text.AppendLine(culture, $"Gallery {result.GalleryPalms:N0} palms x {result.CapturesPerPalm} templates. Run {run.Date} at commit `{run.Commit}` on {run.Machine}.");
        text.AppendLine();
        text.AppendLine("| measure | value |");
        text.AppendLine("|---|---|");
        text.AppendLine(culture, $"| seed the gallery into SQLite (encrypting every template) | {result.SeedTime.TotalSeconds:F1} s |");
        text.AppendLine(culture, $"| start the server until ready (index loaded, templates decrypted) | {result.LoadTime.TotalSeconds:F1} s |");
        text.AppendLine(culture, $"| enroll, 3 captures, HTTP round trip: median / max of {result.Enrollments.Count} | {Latencies.Ms(result.Enrollments.Percentile(50))} / {Latencies.Ms(result.Enrollments.Max)} ms |");
        text.AppendLine(culture, $"| identify, 3-frame hover, sealed and signed, HTTP round trip: p50 | {Latencies.Ms(result.Identifications.Percentile(50))} ms |");
        text.AppendLine(culture, $"| identify: p90 / p99 / max | {Latencies.Ms(result.Identifications.Percentile(90))} / {Latencies.Ms(result.Identifications.Percentile(99))} / {Latencies.Ms(result.Identifications.Max)} ms |");
        text.AppendLine(culture, $"| identify: requests timed (one at a time, after warm-up) | {result.Identifications.Count} |");
        text.AppendLine(culture, $"| process CPU time per request (server and client): enroll / identify | {Latencies.Ms(result.EnrollmentCpu.TotalMilliseconds)} / {Latencies.Ms(result.IdentificationCpu.TotalMilliseconds)} ms |");
        text.AppendLine(culture, $"| enrolled palms recognized / impostors recognized | {result.GenuineRecognized}/{result.Genuine} / {result.ImpostorsRecognized}/{result.Impostors} |");
        return text.ToString();
    }

    private async Task SeedGalleryAsync(string folder, MasterKey masterKey, string tenantId, CancellationToken cancellationToken)
    {
        var options = new DbContextOptionsBuilder<PalmKeyDbContext>();
        PalmKeyDatabase.Configure(options, DatabaseProvider.Sqlite, PalmKeyDatabase.SqliteConnectionString(folder));
        var scope = new TenantScope();
        scope.EnterTenant(tenantId);
        var keyring = new TenantKeyring(masterKey);
        var random = new Random(20261121);
        var now = DateTimeOffset.UtcNow;
        const int Batch = 2000;
        for (var start = 0; start < _gallery; start += Batch)
        {
            await using var db = new PalmKeyDbContext(options.Options, scope);
            db.ChangeTracker.AutoDetectChangesEnabled = false;
            var keys = await keyring.GetAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
            for (var i = start; i < Math.Min(_gallery, start + Batch); i++)
            {
                var phone = string.Create(CultureInfo.InvariantCulture, $"+1999{i:D8}");
                var customerId = EntityIds.New("cus");
                db.Customers.Add(new Customer
                {
                    Id = customerId,
                    TenantId = tenantId,
                    PhoneHash = keys.PhoneHash(phone),
                    PhoneCipher = keys.EncryptText(phone, customerId, FieldContext.CustomerPhone),
                    ConsentVersion = "bench",
                    ConsentAcceptedAt = now,
                    EnrolledAt = now,
                    LastInteractionAt = now,
                });
                var palmId = EntityIds.New("palm");
                var packed = new byte[CapturesPerPalm * PalmTemplate.SerializedLength];
                for (var c = 0; c < CapturesPerPalm; c++)
                {
                    RandomTemplates.Create(random).CopyTo(packed, c * PalmTemplate.SerializedLength);
                }

                db.Palms.Add(new Palm
                {
                    Id = palmId,
                    TenantId = tenantId,
                    CustomerId = customerId,
                    Hand = Hand.Left,
                    AlgorithmVersion = PalmTemplate.AlgorithmVersion,
                    CaptureCount = CapturesPerPalm,
                    TemplatesCipher = keys.Encrypt(packed, palmId, FieldContext.PalmTemplates),
                    EnrolledAt = now,
                });
            }

            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private static TimeSpan CpuTime()
    {
        using var process = Process.GetCurrentProcess();
        return process.TotalProcessorTime;
    }

    private async Task<(Latencies Latencies, TimeSpan CpuPerRequest)> EnrollAsync(HttpClient http, HttpClient deviceClient, DemoTenant demo, CancellationToken cancellationToken)
    {
        var latencies = new Latencies();
        var cpu = TimeSpan.Zero;
        AuthenticationHeaderValue? device = null;
        var admin = new AuthenticationHeaderValue("Bearer", demo.AdminKey);
        var disclosure = await SendAsync(deviceClient, HttpMethod.Get, "/v1/enrollments/disclosure", device, null, cancellationToken).ConfigureAwait(false);
        var version = disclosure.GetProperty("version").GetString();
        for (var k = 0; k < _enrollments; k++)
        {
            var phone = string.Create(CultureInfo.InvariantCulture, $"+1888{k:D8}");
            var started = await SendAsync(deviceClient, HttpMethod.Post, "/v1/enrollments", device, new { consent = new { disclosureVersion = version, accepted = true }, phone }, cancellationToken).ConfigureAwait(false);
            var enrollmentId = started.GetProperty("enrollmentId").GetString();
            var outbox = await SendAsync(http, HttpMethod.Get, "/v1/admin/sms-outbox", admin, null, cancellationToken).ConfigureAwait(false);
            var body = outbox.EnumerateArray().Last(m => m.GetProperty("to").GetString() == phone).GetProperty("body").GetString()!;
            await SendAsync(deviceClient, HttpMethod.Post, $"/v1/enrollments/{enrollmentId}/verification", device, new { code = Code().Match(body).Value }, cancellationToken).ConfigureAwait(false);
            var palms = new { palms = new[] { new { hand = "left", frames = SyntheticPalm.Captures(EnrolledPalm(k)) } } };
            var cpuBefore = CpuTime();
            var watch = Stopwatch.StartNew();
            await SendAsync(deviceClient, HttpMethod.Post, $"/v1/enrollments/{enrollmentId}/palms", device, palms, cancellationToken).ConfigureAwait(false);
            latencies.Add(watch.Elapsed);
            cpu += CpuTime() - cpuBefore;
        }

        _progress.WriteLine($"enrolled {_enrollments} palms through HTTP: median {Latencies.Ms(latencies.Percentile(50))} ms");
        return (latencies, _enrollments == 0 ? TimeSpan.Zero : cpu / _enrollments);
    }

    private async Task<(Latencies Latencies, int Genuine, int GenuineRecognized, int Impostors, int ImpostorsRecognized, TimeSpan CpuPerRequest)> IdentifyAsync(HttpClient http, CancellationToken cancellationToken)
    {
        AuthenticationHeaderValue? device = null;
        var warmUp = Math.Min(20, _requests);
        var latencies = new Latencies();
        int genuineCount = 0, genuineRecognized = 0, impostorCount = 0, impostorsRecognized = 0;
        var cpu = TimeSpan.Zero;
        for (var i = 0; i < warmUp + _requests; i++)
        {
            var isGenuine = _enrollments > 0 && i % 2 == 0;
            // Every identification is a fresh hover: the server refuses frames it has seen.
            var frames = SyntheticPalm.Hover(isGenuine ? EnrolledPalm(i / 2 % Math.Max(1, _enrollments)) : 900_000 + (i % 8), i);
            var cpuBefore = CpuTime();
            var watch = Stopwatch.StartNew();
            var answer = await SendAsync(http, HttpMethod.Post, "/v1/identify", device, new { frames, purpose = "checkout" }, cancellationToken).ConfigureAwait(false);
            var elapsed = watch.Elapsed;
            if (i < warmUp)
            {
                continue;
            }

            cpu += CpuTime() - cpuBefore;
            latencies.Add(elapsed);
            var recognized = answer.GetProperty("recognized").GetBoolean();
            if (isGenuine)
            {
                genuineCount++;
                genuineRecognized += recognized ? 1 : 0;
            }
            else
            {
                impostorCount++;
                impostorsRecognized += recognized ? 1 : 0;
            }
        }

        _progress.WriteLine($"identified {_requests} times: p50 {Latencies.Ms(latencies.Percentile(50))} ms, p99 {Latencies.Ms(latencies.Percentile(99))} ms");
        return (latencies, genuineCount, genuineRecognized, impostorCount, impostorsRecognized, cpu / _requests);
    }

    private static int EnrolledPalm(int k) => 500_000 + k;

    private static async Task<JsonElement> SendAsync(HttpClient http, HttpMethod method, string path, AuthenticationHeaderValue? credential, object? body, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        request.Headers.Authorization = credential;
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new InvalidOperationException($"{method} {path} answered {(int)response.StatusCode}: {text}");
        }

        return JsonDocument.Parse(text).RootElement.Clone();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex Code();
}
