using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Index;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Audit;

namespace PalmKey.Server.Privacy;

/// <summary>
/// Deletes customer data everywhere it lives: the palm leaves the tenant's in-memory index first (so it
/// can no longer be recognized), then its rows are deleted in one transaction with the audit entry.
/// Runs under the tenant's enrollment gate, so no enrollment interleaves.
/// </summary>
internal sealed class CustomerDeletion
{
    public const string CustomerDeleted = "customer.deleted";
    public const string PalmsDeleted = "palms.deleted";

    private readonly PalmIndexRegistry _indexes;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public CustomerDeletion(PalmIndexRegistry indexes, AuditLog audit, TimeProvider clock)
    {
        _indexes = indexes;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>Deletes every row of a customer; false where the customer does not exist in the context's tenant.</summary>
    public async Task<bool> DeleteCustomerAsync(PalmKeyDbContext db, string tenantId, string customerId, string actor, string cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = _indexes.EnrollmentGate(tenantId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false))
            {
                return false;
            }

            _indexes.For(tenantId).RemoveCustomer(customerId);
            var now = _clock.GetUtcNow();
            var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == tenantId, cancellationToken).ConfigureAwait(false);
            WebhookPublisher.Enqueue(db, tenant, WebhookEvents.CustomerDeleted, new { customerId, cause }, now);
            await _audit.CommitAsync(
                db,
                new AuditRecord(now, tenantId, actor, CustomerDeleted, customerId, cause),
                ct => CustomerErasure.EraseCustomerAsync(db, customerId, ct),
                cancellationToken).ConfigureAwait(false);
            return true;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Deletes a customer's palms and keeps the account; returns the palms deleted.</summary>
    public async Task<int> DeletePalmsAsync(PalmKeyDbContext db, string tenantId, string customerId, string actor, string cause, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var gate = _indexes.EnrollmentGate(tenantId);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            _indexes.For(tenantId).RemoveCustomer(customerId);
            var deleted = 0;
            await _audit.CommitAsync(
                db,
                new AuditRecord(_clock.GetUtcNow(), tenantId, actor, PalmsDeleted, customerId, cause),
                async ct => deleted = await CustomerErasure.ErasePalmsAsync(db, customerId, ct).ConfigureAwait(false),
                cancellationToken).ConfigureAwait(false);
            return deleted;
        }
        finally
        {
            gate.Release();
        }
    }
}
