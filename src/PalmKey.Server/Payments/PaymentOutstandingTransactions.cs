using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Privacy;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Payments;

/// <summary>
/// A customer's payments that have not settled: a checkout still in flight, an authorization not yet
/// captured, a reversal not yet confirmed, or a refund not yet settled. Any of them holds up the
/// deletion of the account.
/// </summary>
internal sealed class PaymentOutstandingTransactions : IOutstandingTransactions
{
    private static readonly PaymentStatus[] Outstanding = [PaymentStatus.Pending, PaymentStatus.Authorized, PaymentStatus.VoidPending, PaymentStatus.RefundPending];
    private readonly PalmKeyDbFactory _databases;

    public PaymentOutstandingTransactions(PalmKeyDbFactory databases)
    {
        _databases = databases;
    }

    public async Task<IReadOnlyList<OutstandingTransaction>> ListAsync(string tenantId, string customerId, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateForTenant(tenantId);
        var payments = await db.Payments.AsNoTracking()
            .Where(p => p.CustomerId == customerId && Outstanding.Contains(p.Status))
            .OrderBy(p => p.CreatedAt)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. payments.Select(p => new OutstandingTransaction(p.Id, Describe(p)))];
    }

    private static string Describe(Payment payment)
    {
        var what = $"order {payment.OrderReference}, {PaymentService.Money(payment.ChargedMinor, payment.Currency)}";
        return payment.Status switch
        {
            PaymentStatus.RefundPending => $"A refund of {what} has not settled yet.",
            PaymentStatus.Authorized => $"A payment for {what} is authorized and not yet settled.",
            _ => $"A payment for {what} is being settled with the card processor.",
        };
    }
}
