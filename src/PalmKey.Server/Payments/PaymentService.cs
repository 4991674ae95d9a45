using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Identification;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Payments;

/// <summary>
/// Checkout with a palm: identify, then authorize and capture the customer's newest card for the amount
/// less any enrollment credit. A payment row is written before the gateway is called, and the gateway's
/// idempotency keys are derived from it, so neither a retried request (same Idempotency-Key, or the
/// same order reference) nor a crash between the gateway and the database can charge twice.
/// </summary>
internal sealed partial class PaymentService
{
    private readonly PalmKeyDbContext _db;
    private readonly IdentificationService _identification;
    private readonly IPaymentGateway _gateway;
    private readonly TenantKeyring _keyring;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.PaymentSettings _settings;
    private readonly ILogger<PaymentService> _logger;

    public PaymentService(
        PalmKeyDbContext db,
        IdentificationService identification,
        IPaymentGateway gateway,
        TenantKeyring keyring,
        AuditLog audit,
        TimeProvider clock,
        IOptions<PalmKeyOptions> options,
        ILogger<PaymentService> logger)
    {
        _db = db;
        _identification = identification;
        _gateway = gateway;
        _keyring = keyring;
        _audit = audit;
        _clock = clock;
        _settings = options.Value.Payments;
        _logger = logger;
    }

    public async Task<Results<Ok<CheckoutResponse>, ProblemHttpResult>> CheckoutAsync(Caller device, CheckoutRequest request, CancellationToken cancellationToken)
    {
        if (ValidateOrder(request) is { } invalid)
        {
            return Problems.Invalid(invalid);
        }

        var orderReference = request.OrderReference!.Trim();
        var currency = request.Currency!.ToUpperInvariant();
        var amount = request.AmountMinor!.Value;
        var identified = await _identification.IdentifyCustomerAsync(device, request.Frames, Purposes.Checkout, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        if (identified.CustomerId is not { } customerId)
        {
            return TypedResults.Ok(identified.Ambiguous
                ? new CheckoutResponse(CheckoutOutcomes.Ambiguous, "The palm matched more than one account closely, so no one was charged. Ask the customer to hover again, or pay another way.", null)
                : new CheckoutResponse(CheckoutOutcomes.NotRecognized, "The palm is not enrolled here, so no one was charged. Pay another way, or enroll at a kiosk.", null));
        }

        var earlier = await _db.Payments.Where(p => p.OrderReference == orderReference).OrderByDescending(p => p.Attempt).ToListAsync(cancellationToken).ConfigureAwait(false);
        if (earlier.FirstOrDefault(p => p.Status is not (PaymentStatus.Declined or PaymentStatus.Voided)) is { } existing)
        {
            return Replay(existing, customerId, amount, currency);
        }

        var tenant = await _db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
        var available = await _db.Customers.Where(c => c.Id == customerId).Select(c => c.PromotionCreditMinor).SingleAsync(cancellationToken).ConfigureAwait(false);
        var credit = currency == tenant.Currency ? Math.Min(available, amount) : 0;
        var charged = amount - credit;
        var card = await _db.PaymentCards.Where(c => c.CustomerId == customerId).OrderByDescending(c => c.AddedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (charged > 0 && card is null)
        {
            return TypedResults.Ok(new CheckoutResponse(CheckoutOutcomes.NoCard, "The customer has no card on file, so no one was charged. The customer can add one in self-service.", null));
        }

        var now = _clock.GetUtcNow();
        var payment = new Payment
        {
            Id = EntityIds.New("pay"),
            TenantId = tenant.Id,
            CustomerId = customerId,
            CardId = charged > 0 ? card!.Id : null,
            CardBrand = charged > 0 ? card!.Brand : null,
            CardLast4 = charged > 0 ? card!.Last4 : null,
            SiteId = identified.SiteId,
            DeviceId = device.DeviceId!,
            OrderReference = orderReference,
            Attempt = earlier.Count == 0 ? 1 : earlier[0].Attempt + 1,
            AmountMinor = amount,
            CreditMinor = credit,
            ChargedMinor = charged,
            Currency = currency,
            Status = charged == 0 ? PaymentStatus.Captured : PaymentStatus.Pending,
            CreatedAt = now,
            UpdatedAt = now,
        };

        // The credit is taken only if it is still there, so two checkouts cannot both spend it.
        if (credit > 0 && !await MoveCreditAsync(customerId, -credit, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.PaymentInProgress, "Payment in progress", "Another payment of this customer is using the enrollment credit. Retry shortly.");
        }

        _db.Payments.Add(payment);
        if (charged == 0)
        {
            WebhookPublisher.Enqueue(_db, tenant, WebhookEvents.PaymentCaptured, PaymentEvent(payment), now);
        }

        try
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (DbUpdateException)
        {
            // Another request for this order reference got there first (the unique index said so).
            await MoveCreditAsync(customerId, credit, CancellationToken.None).ConfigureAwait(false);
            return Problems.Create(StatusCodes.Status409Conflict, Problems.PaymentInProgress, "Payment in progress", $"A payment for order {orderReference} is already being made. Wait for it and retry with the same order reference to get its receipt.");
        }

        if (charged > 0)
        {
            var token = (await _keyring.GetAsync(_db, tenant.Id, cancellationToken).ConfigureAwait(false)).DecryptText(card!.TokenCipher, card.Id, FieldContext.CardToken);
            await ChargeAsync(tenant, payment, token, cancellationToken).ConfigureAwait(false);
        }

        LogCheckout(_logger, payment.Id, payment.Status);
        return TypedResults.Ok(Describe(payment));
    }

    /// <summary>Refunds a captured payment in full; it stays outstanding until the refund settles.</summary>
    public async Task<Results<Ok<PaymentView>, ProblemHttpResult>> RefundAsync(Caller admin, string paymentId, CancellationToken cancellationToken)
    {
        var payment = await _db.Payments.FirstOrDefaultAsync(p => p.Id == paymentId, cancellationToken).ConfigureAwait(false);
        if (payment is null)
        {
            return Problems.Missing($"Payment {paymentId}");
        }

        if (payment.Status is PaymentStatus.RefundPending or PaymentStatus.Refunded)
        {
            return TypedResults.Ok(View(payment));
        }

        if (payment.Status != PaymentStatus.Captured || payment.AuthorizationId is null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.NotRefundable, "Not refundable", $"Payment {paymentId} is {Status(payment.Status)}; only a captured card payment can be refunded.");
        }

        var result = await _gateway.RefundAsync(payment.AuthorizationId, payment.ChargedMinor, $"{payment.Id}:refund", cancellationToken).ConfigureAwait(false);
        if (result.Outcome is not (GatewayOutcome.Pending or GatewayOutcome.Approved))
        {
            return Problems.Create(StatusCodes.Status502BadGateway, Problems.GatewayFailed, "The refund was not accepted", $"The payment gateway did not accept the refund ({result.Code ?? result.Outcome.ToString()}). Try again later.");
        }

        var now = _clock.GetUtcNow();
        payment.RefundId = result.Id;
        payment.Status = result.Outcome == GatewayOutcome.Approved ? PaymentStatus.Refunded : PaymentStatus.RefundPending;
        payment.UpdatedAt = now;
        await _audit.CommitAsync(_db, new AuditRecord(now, admin.Tenant, admin.Actor, "payment.refund-requested", payment.Id), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(View(payment));
    }

    public static ReceiptView Receipt(Payment payment) => new(
        payment.Id,
        payment.CreatedAt,
        payment.SiteId,
        payment.OrderReference,
        payment.AmountMinor,
        payment.CreditMinor,
        payment.ChargedMinor,
        payment.Currency,
        Status(payment.Status),
        payment.CardBrand,
        payment.CardLast4);

    public static PaymentView View(Payment payment) => new(payment.CustomerId, Receipt(payment), payment.DeclineCode);

    public static string Status(PaymentStatus status) => status switch
    {
        PaymentStatus.VoidPending => "void-pending",
        PaymentStatus.RefundPending => "refund-pending",
        _ => status.ToString().ToLowerInvariant(),
    };

    public static object PaymentEvent(Payment payment) => new
    {
        paymentId = payment.Id,
        customerId = payment.CustomerId,
        orderReference = payment.OrderReference,
        siteId = payment.SiteId,
        deviceId = payment.DeviceId,
        amountMinor = payment.AmountMinor,
        creditMinor = payment.CreditMinor,
        chargedMinor = payment.ChargedMinor,
        currency = payment.Currency,
        status = Status(payment.Status),
        declineCode = payment.DeclineCode,
    };

    private async Task ChargeAsync(Tenant tenant, Payment payment, string token, CancellationToken cancellationToken)
    {
        var authorization = await WithTimeoutAsync(ct => _gateway.AuthorizeAsync(token, payment.ChargedMinor, payment.Currency, $"{payment.Id}:authorize", ct), cancellationToken).ConfigureAwait(false);
        switch (authorization.Outcome)
        {
            case GatewayOutcome.Approved:
                payment.AuthorizationId = authorization.Id;
                payment.Status = PaymentStatus.Authorized;
                await SaveAsync(payment, cancellationToken).ConfigureAwait(false);
                var capture = await WithTimeoutAsync(ct => _gateway.CaptureAsync(authorization.Id!, payment.ChargedMinor, $"{payment.Id}:capture", ct), cancellationToken).ConfigureAwait(false);
                if (capture.Outcome == GatewayOutcome.Approved)
                {
                    payment.Status = PaymentStatus.Captured;
                    WebhookPublisher.Enqueue(_db, tenant, WebhookEvents.PaymentCaptured, PaymentEvent(payment), _clock.GetUtcNow());
                }
                else
                {
                    // Held on the card and not yet taken: the settlement job retries the capture.
                    WebhookPublisher.Enqueue(_db, tenant, WebhookEvents.PaymentAuthorized, PaymentEvent(payment), _clock.GetUtcNow());
                }

                break;
            case GatewayOutcome.Declined:
                payment.Status = PaymentStatus.Declined;
                payment.DeclineCode = authorization.Code;
                await MoveCreditAsync(payment.CustomerId, payment.CreditMinor, CancellationToken.None).ConfigureAwait(false);
                WebhookPublisher.Enqueue(_db, tenant, WebhookEvents.PaymentDeclined, PaymentEvent(payment), _clock.GetUtcNow());
                break;
            default:
                // No answer: an authorization may exist. Reverse it before saying nothing was charged.
                payment.DeclineCode = authorization.Code;
                payment.Status = PaymentStatus.VoidPending;
                await MoveCreditAsync(payment.CustomerId, payment.CreditMinor, CancellationToken.None).ConfigureAwait(false);
                await SaveAsync(payment, cancellationToken).ConfigureAwait(false);
                var reversal = await WithTimeoutAsync(ct => _gateway.ReverseAsync($"{payment.Id}:authorize", ct), cancellationToken).ConfigureAwait(false);
                if (reversal.Outcome == GatewayOutcome.Approved)
                {
                    payment.Status = PaymentStatus.Voided;
                }

                break;
        }

        await SaveAsync(payment, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Adds to (or, negative, takes from) the customer's credit; taking fails where too little is left.</summary>
    private async Task<bool> MoveCreditAsync(string customerId, long change, CancellationToken cancellationToken)
    {
        if (change == 0)
        {
            return true;
        }

        return await _db.Customers
            .Where(c => c.Id == customerId && c.PromotionCreditMinor + change >= 0)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.PromotionCreditMinor, c => c.PromotionCreditMinor + change), cancellationToken)
            .ConfigureAwait(false) == 1;
    }

    private async Task<GatewayResult> WithTimeoutAsync(Func<CancellationToken, Task<GatewayResult>> call, CancellationToken cancellationToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_settings.GatewayTimeout);
        try
        {
            return await call(timeout.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return GatewayResult.Unavailable("timeout");
        }
    }

    private async Task SaveAsync(Payment payment, CancellationToken cancellationToken)
    {
        payment.UpdatedAt = _clock.GetUtcNow();

        // The gateway has acted: record it even if the client has gone.
        await _db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
        cancellationToken.ThrowIfCancellationRequested();
    }

    private static Results<Ok<CheckoutResponse>, ProblemHttpResult> Replay(Payment existing, string customerId, long amount, string currency)
    {
        if (existing.CustomerId != customerId || existing.AmountMinor != amount || existing.Currency != currency)
        {
            return Problems.Create(
                StatusCodes.Status409Conflict,
                Problems.OrderReferenceUsed,
                "Order reference already paid",
                $"Order {existing.OrderReference} already has a payment for another amount or customer. Use a new order reference for a new order.");
        }

        if (existing.Status == PaymentStatus.Pending)
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.PaymentInProgress, "Payment in progress", $"A payment for order {existing.OrderReference} is being made. Retry shortly to get its receipt.");
        }

        // The same order again (a retry after a time-out or a crash): its receipt, no second charge.
        return TypedResults.Ok(Describe(existing));
    }

    private static CheckoutResponse Describe(Payment payment) => payment.Status switch
    {
        PaymentStatus.Captured or PaymentStatus.Authorized or PaymentStatus.RefundPending or PaymentStatus.Refunded =>
            new CheckoutResponse(CheckoutOutcomes.Approved, payment.ChargedMinor == 0 ? "Paid with the enrollment credit." : $"Paid with the {payment.CardBrand} card ending {payment.CardLast4}.", Receipt(payment)),
        PaymentStatus.Declined => new CheckoutResponse(
            CheckoutOutcomes.Declined,
            payment.DeclineCode == "insufficient_funds" ? "The card was declined for insufficient funds. Nothing was charged; pay another way." : "The card was declined. Nothing was charged; pay another way.",
            Receipt(payment)),
        _ => new CheckoutResponse(CheckoutOutcomes.PaymentUnavailable, "The card processor did not answer in time. Nothing was charged; try again.", Receipt(payment)),
    };

    private static string? ValidateOrder(CheckoutRequest request)
    {
        if (request.AmountMinor is not (> 0 and <= 100_000_000))
        {
            return "amountMinor must be the amount in minor units (cents), 1 to 100000000.";
        }

        if (request.Currency is not { Length: 3 } currency || !currency.All(char.IsAsciiLetter))
        {
            return "currency must be a three-letter ISO 4217 code, such as USD.";
        }

        if (string.IsNullOrWhiteSpace(request.OrderReference) || request.OrderReference.Trim().Length > 100 || request.OrderReference.Any(char.IsControl))
        {
            return "orderReference is required: the merchant's order reference, at most 100 characters.";
        }

        return null;
    }

    [LoggerMessage(EventId = 800, Level = LogLevel.Information, Message = "Checkout {PaymentId} ended {Status}")]
    private static partial void LogCheckout(ILogger logger, string paymentId, PaymentStatus status);

    internal static string Money(long minor, string currency) => string.Create(CultureInfo.InvariantCulture, $"{minor / 100m:0.00} {currency}");
}
