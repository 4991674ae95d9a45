using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;

namespace PalmKey.Server.Payments;

/// <summary>
/// The built-in gateway, like a real processor's test mode: it moves no money and keeps its ledger in
/// memory, so a restart forgets authorizations (as resetting a test account would). Any valid card
/// number is approved except the documented test cards (docs/payments.md):
/// <list type="bullet">
/// <item>4000 0000 0000 0002: declined (<c>card_declined</c>);</item>
/// <item>4000 0000 0000 9995: declined (<c>insufficient_funds</c>);</item>
/// <item>4000 0000 0000 0119: the authorization never answers in time (it is made, and its answer lost).</item>
/// </list>
/// Refunds settle after <c>PalmKey:Payments:SandboxRefundSettlement</c> on the injected clock.
/// Thread-safe; idempotency keys are honored for the life of the process.
/// </summary>
internal sealed class SandboxPaymentGateway : IPaymentGateway
{
    public const string DeclinedCard = "4000000000000002";
    public const string InsufficientFundsCard = "4000000000009995";
    public const string TimeoutCard = "4000000000000119";

    private const string TokenPrefix = "tok_sandbox_";
    private readonly ConcurrentDictionary<string, Lazy<GatewayResult>> _byIdempotencyKey = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, Authorization> _authorizations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, DateTimeOffset> _refunds = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, bool> _reversedKeys = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.PaymentSettings _settings;

    public SandboxPaymentGateway(TimeProvider clock, IOptions<PalmKeyOptions> options)
    {
        _clock = clock;
        _settings = options.Value.Payments;
    }

    public Task<TokenResult> TokenizeAsync(CardDetails card, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(card);
        var behavior = card.Number switch
        {
            DeclinedCard => "decline",
            InsufficientFundsCard => "funds",
            TimeoutCard => "timeout",
            _ => "ok",
        };

        // The behavior travels in the token, as test-mode tokens do, so it survives a restart.
        return Task.FromResult(new TokenResult($"{TokenPrefix}{behavior}_{RandomPart()}", null));
    }

    public async Task<GatewayResult> AuthorizeAsync(string token, long amountMinor, string currency, string idempotencyKey, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(token);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(amountMinor);
        var result = Once(idempotencyKey, () =>
        {
            if (_reversedKeys.ContainsKey(idempotencyKey))
            {
                return new GatewayResult(GatewayOutcome.Declined, null, "reversed");
            }

            var behavior = token.StartsWith(TokenPrefix, StringComparison.Ordinal) ? token[TokenPrefix.Length..].Split('_')[0] : "invalid";
            switch (behavior)
            {
                case "decline":
                    return new GatewayResult(GatewayOutcome.Declined, null, "card_declined");
                case "funds":
                    return new GatewayResult(GatewayOutcome.Declined, null, "insufficient_funds");
                case "invalid":
                    return new GatewayResult(GatewayOutcome.Declined, null, "invalid_token");
                default:
                    var id = "auth_sandbox_" + RandomPart();
                    _authorizations[id] = new Authorization(amountMinor, idempotencyKey);
                    return new GatewayResult(GatewayOutcome.Approved, id);
            }
        });

        if (token.StartsWith(TokenPrefix + "timeout_", StringComparison.Ordinal))
        {
            // The authorization was made; its answer never comes back in time.
            await Task.Delay(_settings.SandboxTimeoutDelay, cancellationToken).ConfigureAwait(false);
            return GatewayResult.Unavailable("timeout");
        }

        return result;
    }

    public Task<GatewayResult> CaptureAsync(string authorizationId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Once(idempotencyKey, () =>
        {
            if (!_authorizations.TryGetValue(authorizationId, out var authorization) || authorization.Voided)
            {
                return new GatewayResult(GatewayOutcome.Declined, null, "no_such_authorization");
            }

            if (amountMinor > authorization.AmountMinor)
            {
                return new GatewayResult(GatewayOutcome.Declined, null, "amount_too_large");
            }

            authorization.Captured = true;
            return new GatewayResult(GatewayOutcome.Approved, authorizationId);
        }));

    public Task<GatewayResult> ReverseAsync(string authorizeIdempotencyKey, CancellationToken cancellationToken)
    {
        _reversedKeys[authorizeIdempotencyKey] = true;
        foreach (var authorization in _authorizations.Values.Where(a => a.IdempotencyKey == authorizeIdempotencyKey && !a.Captured))
        {
            authorization.Voided = true;
        }

        return Task.FromResult(new GatewayResult(GatewayOutcome.Approved));
    }

    public Task<GatewayResult> RefundAsync(string authorizationId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken) =>
        Task.FromResult(Once(idempotencyKey, () =>
        {
            if (!_authorizations.TryGetValue(authorizationId, out var authorization) || !authorization.Captured)
            {
                return new GatewayResult(GatewayOutcome.Declined, null, "not_captured");
            }

            var id = "re_sandbox_" + RandomPart();
            _refunds[id] = _clock.GetUtcNow() + _settings.SandboxRefundSettlement;
            return new GatewayResult(GatewayOutcome.Pending, id);
        }));

    public Task<GatewayResult> RefundStatusAsync(string refundId, CancellationToken cancellationToken)
    {
        if (!_refunds.TryGetValue(refundId, out var settlesAt))
        {
            // Forgotten by a restart: the sandbox settles what it no longer knows.
            return Task.FromResult(new GatewayResult(GatewayOutcome.Approved, refundId));
        }

        return Task.FromResult(new GatewayResult(_clock.GetUtcNow() >= settlesAt ? GatewayOutcome.Approved : GatewayOutcome.Pending, refundId));
    }

    private GatewayResult Once(string idempotencyKey, Func<GatewayResult> operation)
    {
        ArgumentException.ThrowIfNullOrEmpty(idempotencyKey);
        return _byIdempotencyKey.GetOrAdd(idempotencyKey, _ => new Lazy<GatewayResult>(operation)).Value;
    }

    private static string RandomPart() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(12));

    private sealed class Authorization(long amountMinor, string idempotencyKey)
    {
        public long AmountMinor { get; } = amountMinor;

        public string IdempotencyKey { get; } = idempotencyKey;

        public bool Captured { get; set; }

        public bool Voided { get; set; }
    }
}
