using System.Globalization;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Privacy;

/// <summary>
/// Applies each tenant's retention rules: deletes accounts past the maximum retention (no interaction
/// for the tenant's limit, 3 years by default, as Illinois BIPA requires) and dormant accounts (no
/// identification for the tenant's dormancy period, 730 days by default), finishes cancellations whose
/// transactions have settled, and drops what has expired on its own. Each deletion leaves an audit entry
/// with its cause and the pseudonymous id, and each run that deleted accounts a summary entry: no
/// personal data.
/// </summary>
internal sealed partial class RetentionPurger
{
    public const string PurgeAction = "retention.purge";
    private const int Batch = 200;

    private readonly PalmKeyDbFactory _databases;
    private readonly CustomerDeletion _deletion;
    private readonly IOutstandingTransactions _outstanding;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger<RetentionPurger> _logger;

    public RetentionPurger(PalmKeyDbFactory databases, CustomerDeletion deletion, IOutstandingTransactions outstanding, AuditLog audit, TimeProvider clock, ILogger<RetentionPurger> logger)
    {
        _databases = databases;
        _deletion = deletion;
        _outstanding = outstanding;
        _audit = audit;
        _clock = clock;
        _logger = logger;
    }

    public async Task<RetentionReport> RunAsync(CancellationToken cancellationToken)
    {
        List<Tenant> tenants;
        await using (var system = _databases.CreateSystem())
        {
            tenants = await system.Tenants.AsNoTracking().Where(t => t.DeletionStartedAt == null).ToListAsync(cancellationToken).ConfigureAwait(false);
        }

        var total = new RetentionReport(0, 0, 0, 0);
        foreach (var tenant in tenants)
        {
            var report = await RunForTenantAsync(tenant, cancellationToken).ConfigureAwait(false);
            total = new RetentionReport(total.Dormant + report.Dormant, total.RetentionLimit + report.RetentionLimit, total.Cancelled + report.Cancelled, total.Expired + report.Expired);
        }

        return total;
    }

    private async Task<RetentionReport> RunForTenantAsync(Tenant tenant, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateForTenant(tenant.Id);
        var now = _clock.GetUtcNow();
        var retentionCutoff = now.AddDays(-tenant.MaxRetentionDays);
        var retentionLimit = await PurgeAsync(db, tenant.Id, DeletionCauses.RetentionLimit, ct => RetentionQueries.RetentionExpiredCustomersAsync(db, retentionCutoff, Batch, ct), cancellationToken).ConfigureAwait(false);
        var dormancyCutoff = now.AddDays(-tenant.DormancyDays);
        var dormant = await PurgeAsync(db, tenant.Id, DeletionCauses.Dormant, ct => RetentionQueries.DormantCustomersAsync(db, dormancyCutoff, Batch, ct), cancellationToken).ConfigureAwait(false);

        var cancelled = 0;
        foreach (var customerId in await RetentionQueries.PendingCancellationsAsync(db, int.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            if ((await _outstanding.ListAsync(tenant.Id, customerId, cancellationToken).ConfigureAwait(false)).Count == 0
                && await _deletion.DeleteCustomerAsync(db, tenant.Id, customerId, "system", DeletionCauses.Cancelled, cancellationToken).ConfigureAwait(false))
            {
                cancelled++;
            }
        }

        var expired = await RetentionQueries.DeleteExpiredAsync(db, now, retentionCutoff, cancellationToken).ConfigureAwait(false);
        if (dormant + retentionLimit + cancelled > 0)
        {
            var detail = string.Create(CultureInfo.InvariantCulture, $"{DeletionCauses.Dormant}={dormant} {DeletionCauses.RetentionLimit}={retentionLimit} {DeletionCauses.Cancelled}={cancelled}");
            await _audit.CommitAsync(db, new AuditRecord(now, tenant.Id, "system", PurgeAction, null, detail), null, cancellationToken).ConfigureAwait(false);
            LogPurged(_logger, tenant.Id, dormant, retentionLimit, cancelled);
        }

        return new RetentionReport(dormant, retentionLimit, cancelled, expired);
    }

    private async Task<int> PurgeAsync(PalmKeyDbContext db, string tenantId, string cause, Func<CancellationToken, Task<List<string>>> next, CancellationToken cancellationToken)
    {
        var purged = 0;
        while (true)
        {
            var batch = await next(cancellationToken).ConfigureAwait(false);
            if (batch.Count == 0)
            {
                return purged;
            }

            foreach (var customerId in batch)
            {
                if (await _deletion.DeleteCustomerAsync(db, tenantId, customerId, "system", cause, cancellationToken).ConfigureAwait(false))
                {
                    purged++;
                }
            }
        }
    }

    [LoggerMessage(EventId = 600, Level = LogLevel.Information, Message = "Retention purge of tenant {TenantId}: {Dormant} dormant, {RetentionLimit} at the retention limit, {Cancelled} cancelled")]
    private static partial void LogPurged(ILogger logger, string tenantId, int dormant, int retentionLimit, int cancelled);
}
