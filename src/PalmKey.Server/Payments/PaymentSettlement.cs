using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Payments;

/// <summary>
/// Brings outstanding payments to an end with the gateway: retries captures, confirms reversals,
/// reverses checkouts left pending by a crash, and records refunds once they settle. Runs every
/// <c>PalmKey:Payments:SettlementInterval</c>; once nothing is outstanding, a cancelled account is
/// deleted by the retention job.
/// </summary>
internal sealed partial class PaymentSettlement
{
    private readonly PalmKeyDbFactory _databases;
    private readonly IPaymentGateway _gateway;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.PaymentSettings _settings;
    private readonly ILogger<PaymentSettlement> _logger;

    public PaymentSettlement(PalmKeyDbFactory databases, IPaymentGateway gateway, TimeProvider clock, IOptions<PalmKeyOptions> options, ILogger<PaymentSettlement> logger)
    {
        _databases = databases;
        _gateway = gateway;
        _clock = clock;
        _settings = options.Value.Payments;
        _logger = logger;
    }

    /// <summary>One pass over every tenant's outstanding payments; returns the payments that changed.</summary>
    public async Task<int> RunAsync(CancellationToken cancellationToken)
    {
        List<string> tenantIds;
        await using (var system = _databases.CreateSystem())
        {
            tenantIds = await system.Tenants.Where(t => t.DeletionStartedAt == null).Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var changed = 0;
        foreach (var tenantId in tenantIds)
        {
            await using var db = _databases.CreateForTenant(tenantId);
            var tenant = await db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
            var stale = _clock.GetUtcNow() - _settings.StalePendingAfter;
            var open = await db.Payments
                .Where(p => p.Status == PaymentStatus.Authorized || p.Status == PaymentStatus.VoidPending || p.Status == PaymentStatus.RefundPending || (p.Status == PaymentStatus.Pending && p.UpdatedAt < stale))
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            foreach (var payment in open)
            {
                if (await SettleAsync(db, tenant, payment, cancellationToken).ConfigureAwait(false))
                {
                    payment.UpdatedAt = _clock.GetUtcNow();
                    changed++;
                    LogSettled(_logger, payment.Id, payment.Status);
                }

                await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        return changed;
    }

    private async Task<bool> SettleAsync(PalmKeyDbContext db, Tenant tenant, Payment payment, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        switch (payment.Status)
        {
            case PaymentStatus.Authorized:
                var capture = await _gateway.CaptureAsync(payment.AuthorizationId!, payment.ChargedMinor, $"{payment.Id}:capture", cancellationToken).ConfigureAwait(false);
                if (capture.Outcome == GatewayOutcome.Approved)
                {
                    payment.Status = PaymentStatus.Captured;
                    WebhookPublisher.Enqueue(db, tenant, WebhookEvents.PaymentCaptured, PaymentService.PaymentEvent(payment), now);
                    return true;
                }

                return false;
            case PaymentStatus.Pending or PaymentStatus.VoidPending:
                var reversal = await _gateway.ReverseAsync($"{payment.Id}:authorize", cancellationToken).ConfigureAwait(false);
                if (reversal.Outcome != GatewayOutcome.Approved)
                {
                    return false;
                }

                if (payment.Status == PaymentStatus.Pending && payment.CreditMinor > 0)
                {
                    // The request died before it could give the credit back.
                    await db.Customers.Where(c => c.Id == payment.CustomerId)
                        .ExecuteUpdateAsync(s => s.SetProperty(c => c.PromotionCreditMinor, c => c.PromotionCreditMinor + payment.CreditMinor), cancellationToken).ConfigureAwait(false);
                }

                payment.Status = PaymentStatus.Voided;
                return true;
            case PaymentStatus.RefundPending:
                var refund = await _gateway.RefundStatusAsync(payment.RefundId!, cancellationToken).ConfigureAwait(false);
                if (refund.Outcome == GatewayOutcome.Approved)
                {
                    payment.Status = PaymentStatus.Refunded;
                    WebhookPublisher.Enqueue(db, tenant, WebhookEvents.PaymentRefunded, PaymentService.PaymentEvent(payment), now);
                    return true;
                }

                return false;
            default:
                return false;
        }
    }

    [LoggerMessage(EventId = 801, Level = LogLevel.Information, Message = "Payment {PaymentId} settled as {Status}")]
    private static partial void LogSettled(ILogger logger, string paymentId, PaymentStatus status);
}
