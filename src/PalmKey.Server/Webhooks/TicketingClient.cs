using System.Text.Json;
using Microsoft.Extensions.Options;

namespace PalmKey.Server.Webhooks;

/// <summary>
/// Asks the tenant's ticketing partner whether a ticketing account holds a valid ticket for an event.
/// The request is signed like a webhook; the partner answers <c>{"valid": true|false, "ticket": {...}}</c>.
/// Only the partner's <c>ticket</c> object reaches the gate.
/// </summary>
internal sealed class TicketingClient
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private readonly IHttpClientFactory _http;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.WebhookSettings _settings;

    public TicketingClient(IHttpClientFactory http, TimeProvider clock, IOptions<PalmKeyOptions> options)
    {
        _http = http;
        _clock = clock;
        _settings = options.Value.Webhooks;
    }

    /// <summary>Valid, not valid, or null where the partner could not be asked (with the reason).</summary>
    public async Task<(bool? Valid, JsonElement? Ticket, string? Error)> CheckAsync(string url, string secret, string eventId, string partner, string accountId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        var body = JsonSerializer.Serialize(new { eventId, partner, accountId, at = now }, Json);
        using var request = WebhookSignature.SignedPost(url, secret, now, body);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.TicketingTimeout);
        try
        {
            using var response = await _http.CreateClient(WebhookDispatcher.HttpClientName).SendAsync(request, timeout.Token).ConfigureAwait(false);
            if (!response.IsSuccessStatusCode)
            {
                return (null, null, $"the ticketing partner answered {(int)response.StatusCode}");
            }

            using var answer = JsonDocument.Parse(await response.Content.ReadAsStringAsync(timeout.Token).ConfigureAwait(false));
            if (!answer.RootElement.TryGetProperty("valid", out var valid) || valid.ValueKind is not (JsonValueKind.True or JsonValueKind.False))
            {
                return (null, null, "the ticketing partner's answer has no 'valid' field");
            }

            JsonElement? ticket = answer.RootElement.TryGetProperty("ticket", out var t) && t.ValueKind == JsonValueKind.Object ? t.Clone() : null;
            return (valid.GetBoolean(), ticket, null);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return (null, null, "the ticketing partner did not answer in time");
        }
        catch (HttpRequestException e)
        {
            return (null, null, $"the ticketing partner could not be reached ({e.HttpRequestError})");
        }
        catch (JsonException)
        {
            return (null, null, "the ticketing partner's answer is not JSON");
        }
    }
}
