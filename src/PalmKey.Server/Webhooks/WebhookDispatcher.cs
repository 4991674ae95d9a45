using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Webhooks;

/// <summary>
/// Sends due webhook deliveries, each signed (<see cref="WebhookSignature"/>), and records every
/// attempt. A delivery that gets no 2xx is retried with exponential backoff (10 s, 30 s, 90 s, ... at
/// most 6 h apart) until <c>PalmKey:Webhooks:MaxAttempts</c>, then marked failed. Receivers must
/// tolerate duplicates: the event id is the <c>PalmKey-Delivery</c> header and the body's <c>id</c>.
/// </summary>
internal sealed partial class WebhookDispatcher
{
    public const string HttpClientName = "palmkey-webhooks";
    private const int BatchSize = 50;
    private static readonly TimeSpan FirstRetry = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan LongestRetry = TimeSpan.FromHours(6);

    private readonly PalmKeyDbFactory _databases;
    private readonly TenantKeyring _keyring;
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.WebhookSettings _settings;
    private readonly ILogger<WebhookDispatcher> _logger;

    public WebhookDispatcher(PalmKeyDbFactory databases, TenantKeyring keyring, IHttpClientFactory http, TimeProvider clock, IOptions<PalmKeyOptions> options, ILogger<WebhookDispatcher> logger)
    {
        _databases = databases;
        _keyring = keyring;
        _http = http;
        _clock = clock;
        _settings = options.Value.Webhooks;
        _logger = logger;
    }

    /// <summary>The delay before the attempt after <paramref name="attempts"/> failed ones.</summary>
    public static TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(LongestRetry.Ticks, (long)(FirstRetry.Ticks * Math.Pow(3, Math.Max(0, attempts - 1)))));

    /// <summary>Sends what is due now; returns the deliveries attempted.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateSystem();
        var now = _clock.GetUtcNow();
        var due = await db.WebhookDeliveries
            .Where(d => d.Status == WebhookEvents.Pending && d.NextAttemptAt <= now)
            .OrderBy(d => d.NextAttemptAt)
            .Take(BatchSize)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var secrets = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var delivery in due)
        {
            if (!secrets.TryGetValue(delivery.TenantId, out var secret))
            {
                var tenant = await db.Tenants.FirstAsync(t => t.Id == delivery.TenantId, cancellationToken).ConfigureAwait(false);
                secret = tenant.DeletionStartedAt is null ? await TenantSecrets.SigningSecretAsync(db, _keyring, tenant, cancellationToken).ConfigureAwait(false) : null;
                secrets[delivery.TenantId] = secret;
            }

            await AttemptAsync(delivery, secret, cancellationToken).ConfigureAwait(false);
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }

        return due.Count;
    }

    private async Task AttemptAsync(WebhookDelivery delivery, string? secret, CancellationToken cancellationToken)
    {
        delivery.Attempts++;
        var now = _clock.GetUtcNow();
        if (secret is null)
        {
            Fail(delivery, null, "The tenant has no signing secret (or is being deleted); nothing was sent.", giveUp: true);
            return;
        }

        using var request = WebhookSignature.SignedPost(delivery.Url, secret, now, delivery.Body);
        request.Headers.Add("PalmKey-Event", delivery.EventType);
        request.Headers.Add("PalmKey-Delivery", delivery.Id);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.RequestTimeout);
        try
        {
            using var response = await _http.CreateClient(HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (response.IsSuccessStatusCode)
            {
                delivery.Status = WebhookEvents.Delivered;
                delivery.DeliveredAt = _clock.GetUtcNow();
                delivery.LastStatusCode = (int)response.StatusCode;
                delivery.LastError = null;
                return;
            }

            Fail(delivery, (int)response.StatusCode, string.Create(CultureInfo.InvariantCulture, $"The receiver answered {(int)response.StatusCode}."), giveUp: false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            Fail(delivery, null, "The receiver did not answer in time.", giveUp: false);
        }
        catch (HttpRequestException e)
        {
            Fail(delivery, null, $"The receiver could not be reached: {e.HttpRequestError}.", giveUp: false);
        }
    }

    private void Fail(WebhookDelivery delivery, int? status, string error, bool giveUp)
    {
        delivery.LastStatusCode = status;
        delivery.LastError = error;
        if (giveUp || delivery.Attempts >= _settings.MaxAttempts)
        {
            delivery.Status = WebhookEvents.Failed;
            LogGaveUp(_logger, delivery.Id, delivery.Attempts);
            return;
        }

        delivery.NextAttemptAt = _clock.GetUtcNow() + Backoff(delivery.Attempts);
    }

    [LoggerMessage(EventId = 700, Level = LogLevel.Warning, Message = "Webhook delivery {DeliveryId} failed after {Attempts} attempts; it is given up")]
    private static partial void LogGaveUp(ILogger logger, string deliveryId, int attempts);
}
