using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Payments;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Privacy;

/// <summary>Reads what is held about a customer, for the customer (decrypted) or for the tenant's admin (no number, no references).</summary>
internal static class CustomerViews
{
    public const string Recognized = "recognized";

    public static async Task<ProfileResponse> ForCustomerAsync(PalmKeyDbContext db, TenantKeys keys, Customer customer, CancellationToken cancellationToken)
    {
        var accounts = await db.LinkedAccounts.AsNoTracking().Where(a => a.CustomerId == customer.Id).OrderBy(a => a.LinkedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new ProfileResponse(
            customer.Id,
            keys.DecryptText(customer.PhoneCipher, customer.Id, FieldContext.CustomerPhone),
            customer.EnrolledAt,
            customer.LastInteractionAt,
            new ConsentView(customer.ConsentVersion, customer.ConsentAcceptedAt),
            await PalmsAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            [.. accounts.Select(a => new LinkedAccountResponse(a.Id, a.Kind, keys.DecryptText(a.ReferenceCipher, a.Id, FieldContext.AccountReference), a.LinkedAt))],
            await UsageAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            customer.CancellationRequestedAt,
            await CardsAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            await ReceiptsAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            customer.PromotionCreditMinor);
    }

    private static async Task<IReadOnlyList<CardView>> CardsAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken) =>
        await db.PaymentCards.AsNoTracking()
            .Where(c => c.CustomerId == customerId)
            .OrderBy(c => c.AddedAt)
            .Select(c => new CardView(c.Id, c.Brand, c.Last4, c.ExpiryMonth, c.ExpiryYear))
            .ToListAsync(cancellationToken).ConfigureAwait(false);

    private static async Task<IReadOnlyList<ReceiptView>> ReceiptsAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken)
    {
        var payments = await db.Payments.AsNoTracking().Where(p => p.CustomerId == customerId).OrderByDescending(p => p.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. payments.Select(PaymentService.Receipt)];
    }

    public static async Task<AdminCustomerView> ForAdminAsync(PalmKeyDbContext db, Customer customer, CancellationToken cancellationToken)
    {
        var kinds = await db.LinkedAccounts.AsNoTracking().Where(a => a.CustomerId == customer.Id).Select(a => a.Kind).ToListAsync(cancellationToken).ConfigureAwait(false);
        return new AdminCustomerView(
            customer.Id,
            customer.EnrolledAt,
            new ConsentView(customer.ConsentVersion, customer.ConsentAcceptedAt),
            await PalmsAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            kinds,
            await UsageAsync(db, customer.Id, cancellationToken).ConfigureAwait(false),
            customer.CancellationRequestedAt);
    }

    private static async Task<IReadOnlyList<PalmView>> PalmsAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken)
    {
        var palms = await db.Palms.AsNoTracking()
            .Where(p => p.CustomerId == customerId)
            .Select(p => new { p.Hand, p.CaptureCount, p.EnrolledAt })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return [.. palms.OrderBy(p => p.Hand).Select(p => new PalmView(p.Hand.ToString().ToLowerInvariant(), p.CaptureCount, p.EnrolledAt))];
    }

    private static async Task<IReadOnlyList<UsageView>> UsageAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken)
    {
        var usage = await db.UsageEvents.AsNoTracking()
            .Where(u => u.CustomerId == customerId)
            .OrderByDescending(u => u.Id)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var siteIds = usage.Select(u => u.SiteId).Distinct().ToList();
        var sites = await db.Sites.AsNoTracking().Where(s => siteIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Name, cancellationToken).ConfigureAwait(false);
        return [.. usage.Select(u => new UsageView(u.At, u.SiteId, sites.GetValueOrDefault(u.SiteId), u.Purpose, Recognized))];
    }
}
