namespace PalmKey.Server.Payments;

/// <summary>
/// A card processor. The card number reaches it once, to be exchanged for a token; every later
/// operation names the token or an authorization. Operations that move money take an idempotency key:
/// the same key always gets the first answer, so a retried call never charges twice. Expected outcomes
/// (declines, time-outs) are results, not exceptions. Implementations are thread-safe.
/// </summary>
internal interface IPaymentGateway
{
    /// <summary>Exchanges a checked card for a token. The number must not be kept by the caller.</summary>
    Task<TokenResult> TokenizeAsync(CardDetails card, CancellationToken cancellationToken);

    /// <summary>Holds an amount on the tokenized card.</summary>
    Task<GatewayResult> AuthorizeAsync(string token, long amountMinor, string currency, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Takes the held amount (or less).</summary>
    Task<GatewayResult> CaptureAsync(string authorizationId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>
    /// Undoes whatever the authorization sent with <paramref name="authorizeIdempotencyKey"/> did, even
    /// where its answer was lost: releases the hold, or makes sure a late one is refused.
    /// </summary>
    Task<GatewayResult> ReverseAsync(string authorizeIdempotencyKey, CancellationToken cancellationToken);

    /// <summary>Starts a refund of a captured payment; it settles later (<see cref="GatewayOutcome.Pending"/>).</summary>
    Task<GatewayResult> RefundAsync(string authorizationId, long amountMinor, string idempotencyKey, CancellationToken cancellationToken);

    /// <summary>Where a refund stands: pending, or approved once settled.</summary>
    Task<GatewayResult> RefundStatusAsync(string refundId, CancellationToken cancellationToken);
}
