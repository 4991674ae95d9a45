using System.Globalization;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using PalmKey.Storage;

namespace PalmKey.Cli.Device;

/// <summary>
/// A palm scanner driven from image files, for <c>palmkey device ...</c> and the end-to-end tests: every
/// request is signed and its body sealed by <see cref="DeviceRequestSigner"/>. Frames are read from the
/// files given and sent; nothing is written anywhere. Each flow returns an exit code: 0 for success
/// (approved, admitted, checked in, allowed, recognized), 1 for a clear negative outcome, and
/// <see cref="DeviceRequestException"/> or an I/O exception for errors (the command maps them to 2).
/// </summary>
internal sealed partial class DeviceSimulator : IDisposable
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly HashSet<string> Positive = new(StringComparer.Ordinal) { "approved", "admitted", "checked-in", "allow", "recognized" };

    private readonly HttpClient _device;
    private readonly TextWriter _progress;

    public DeviceSimulator(HttpClient device, TextWriter progress)
    {
        _device = device;
        _progress = progress;
    }

    /// <summary>A simulator for an identity, talking to <paramref name="server"/> or the server the identity was activated at.</summary>
    public static DeviceSimulator Create(DeviceIdentity identity, Uri? server, TextWriter progress)
    {
        ArgumentNullException.ThrowIfNull(identity);
        var address = server ?? (identity.Server is { } s ? new Uri(s) : throw new InvalidDataException("The identity file names no server; pass --server."));
        var client = new HttpClient(new DeviceRequestSigner(identity, inner: new SocketsHttpHandler())) { BaseAddress = address, Timeout = TimeSpan.FromMinutes(2) };
        return new DeviceSimulator(client, progress);
    }

    /// <summary>Reads frame files into memory; at least <paramref name="minimum"/>.</summary>
    public static byte[][] ReadFrames(IReadOnlyList<string> files, int minimum)
    {
        ArgumentNullException.ThrowIfNull(files);
        if (files.Count < minimum)
        {
            throw new ArgumentException(string.Create(CultureInfo.InvariantCulture, $"give at least {minimum} frame files (PNG or 8-bit gray images) of one palm; {files.Count} given."));
        }

        return [.. files.Select(File.ReadAllBytes)];
    }

    /// <summary>Enrollment: disclosure and consent, number and code, optional test card, then the palm captures. Returns the customer id.</summary>
    public async Task<string> EnrollAsync(string phone, bool consent, string hand, byte[][] captures, Func<string, CancellationToken, Task<string>> code, CardDetails? card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(code);
        var disclosure = await SendAsync(HttpMethod.Get, "/v1/enrollments/disclosure", null, null, cancellationToken).ConfigureAwait(false);
        var version = disclosure.GetProperty("version").GetString()!;
        _progress.WriteLine($"disclosure {version}:");
        _progress.WriteLine(disclosure.GetProperty("text").GetString());
        if (!consent)
        {
            throw new ArgumentException("the person must accept the disclosure above; pass --consent once they have.");
        }

        var started = await SendAsync(HttpMethod.Post, "/v1/enrollments", new { consent = new { disclosureVersion = version, accepted = true }, phone }, null, cancellationToken).ConfigureAwait(false);
        var enrollmentId = started.GetProperty("enrollmentId").GetString()!;
        _progress.WriteLine($"enrollment {enrollmentId} started; a code was sent to the phone");
        await SendAsync(HttpMethod.Post, $"/v1/enrollments/{enrollmentId}/verification", new { code = await code(enrollmentId, cancellationToken).ConfigureAwait(false) }, null, cancellationToken).ConfigureAwait(false);
        _progress.WriteLine("phone verified");
        if (card is { } c)
        {
            var saved = await SendAsync(HttpMethod.Post, $"/v1/enrollments/{enrollmentId}/card", new { number = c.Number, expiryMonth = c.ExpiryMonth, expiryYear = c.ExpiryYear, cvc = c.Cvc }, null, cancellationToken).ConfigureAwait(false);
            _progress.WriteLine($"card {saved.GetProperty("brand").GetString()} ending {saved.GetProperty("last4").GetString()} saved");
        }

        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"sealing and sending {captures.Length} captures of the {hand} palm"));
        var enrolled = await SendAsync(HttpMethod.Post, $"/v1/enrollments/{enrollmentId}/palms", new { palms = new[] { new { hand, frames = captures } } }, null, cancellationToken).ConfigureAwait(false);
        var customerId = enrolled.GetProperty("customerId").GetString()!;
        _progress.WriteLine($"enrolled: customer {customerId}");
        return customerId;
    }

    /// <summary>The last code the demo's SMS outbox holds for a number, read with an admin key (demo only: a real phone receives it).</summary>
    public static async Task<string> CodeFromOutboxAsync(HttpClient admin, string phone, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(admin);
        if (!PhoneNumbers.TryNormalize(phone, out var e164))
        {
            throw new ArgumentException($"'{phone}' is not a phone number in international form, such as +15551234567.");
        }

        using var response = await admin.GetAsync(new Uri("/v1/admin/sms-outbox", UriKind.Relative), cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeviceRequestException((int)response.StatusCode, text);
        }

        using var outbox = JsonDocument.Parse(text);
        var body = outbox.RootElement.EnumerateArray().LastOrDefault(m => m.GetProperty("to").GetString() == e164);
        return body.ValueKind == JsonValueKind.Object
            ? CodePattern().Match(body.GetProperty("body").GetString()!).Value
            : throw new InvalidDataException($"the outbox holds no code for {phone}.");
    }

    /// <summary>Identification at <c>/v1/identify</c> with a purpose; returns 0 when recognized, 1 when not.</summary>
    public async Task<int> IdentifyAsync(string purpose, byte[][] frames, CancellationToken cancellationToken)
    {
        var answer = await HoverAsync("/v1/identify", new { frames, purpose }, null, frames.Length, cancellationToken).ConfigureAwait(false);
        var recognized = answer.GetProperty("recognized").GetBoolean();
        _progress.WriteLine(recognized ? $"outcome: recognized, customer {answer.GetProperty("customerId").GetString()}" : "outcome: not-recognized");
        return recognized ? 0 : 1;
    }

    /// <summary>Payment: <c>POST /v1/checkout</c> with an idempotency key.</summary>
    public async Task<int> CheckoutAsync(long amountMinor, string currency, string orderReference, byte[][] frames, CancellationToken cancellationToken) =>
        Outcome(await HoverAsync("/v1/checkout", new { frames, amountMinor, currency, orderReference }, Guid.NewGuid().ToString("N"), frames.Length, cancellationToken).ConfigureAwait(false));

    /// <summary>Check-in: <c>POST /v1/entry/checkin</c>.</summary>
    public async Task<int> CheckInAsync(byte[][] frames, CancellationToken cancellationToken) =>
        Outcome(await HoverAsync("/v1/entry/checkin", new { frames }, null, frames.Length, cancellationToken).ConfigureAwait(false));

    /// <summary>Venue entry: <c>POST /v1/entry/venue</c>.</summary>
    public async Task<int> EnterAsync(string eventId, byte[][] frames, CancellationToken cancellationToken) =>
        Outcome(await HoverAsync("/v1/entry/venue", new { frames, eventId }, null, frames.Length, cancellationToken).ConfigureAwait(false));

    /// <summary>Badge access: <c>POST /v1/entry/badge</c>.</summary>
    public async Task<int> BadgeAsync(string? door, byte[][] frames, CancellationToken cancellationToken) =>
        Outcome(await HoverAsync("/v1/entry/badge", new { frames, door }, null, frames.Length, cancellationToken).ConfigureAwait(false));

    public void Dispose() => _device.Dispose();

    private int Outcome(JsonElement answer)
    {
        var outcome = answer.GetProperty("outcome").GetString() ?? string.Empty;
        var detail = answer.TryGetProperty("detail", out var d) ? d.GetString() : null;
        _progress.WriteLine(string.IsNullOrEmpty(detail) ? $"outcome: {outcome}" : $"outcome: {outcome}: {detail}");
        return Positive.Contains(outcome) ? 0 : 1;
    }

    private Task<JsonElement> HoverAsync(string path, object body, string? idempotencyKey, int frames, CancellationToken cancellationToken)
    {
        _progress.WriteLine(string.Create(CultureInfo.InvariantCulture, $"hover of {frames} frames: sealing to the tenant's ingestion key, signing, sending to {path}"));
        return SendAsync(HttpMethod.Post, path, body, idempotencyKey, cancellationToken);
    }

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, string? idempotencyKey, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(method, new Uri(path, UriKind.Relative));
        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: Json);
        }

        if (idempotencyKey is not null)
        {
            request.Headers.Add("Idempotency-Key", idempotencyKey);
        }

        using var response = await _device.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeviceRequestException((int)response.StatusCode, text);
        }

        using var document = JsonDocument.Parse(text);
        return document.RootElement.Clone();
    }

    [GeneratedRegex(@"\b\d{6}\b")]
    private static partial Regex CodePattern();
}
