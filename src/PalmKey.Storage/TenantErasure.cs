using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Storage;

/// <summary>
/// Deletes a tenant in two steps. First its data keys are destroyed, which makes every encrypted
/// field of the tenant unreadable at once (crypto-shredding), and the tenant is marked as being
/// deleted. Then its rows are removed. If the process stops between the steps,
/// <see cref="ResumeAsync"/> finishes the second at the next start.
/// </summary>
public static class TenantErasure
{
    /// <summary>Destroys a tenant's keys and then deletes its rows.</summary>
    /// <param name="db">A unit of work in the system scope.</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="keyring">The keyring, which forgets the tenant's keys.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="actor">Who asked, for the audit log.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the deletion; a cancelled deletion resumes at the next start.</param>
    /// <returns>False where the tenant does not exist.</returns>
    public static async Task<bool> EraseAsync(PalmKeyDbContext db, AuditLog audit, TenantKeyring keyring, string tenantId, string actor, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        ArgumentNullException.ThrowIfNull(keyring);
        RequireSystem(db);
        var tenant = await db.Tenants.FirstOrDefaultAsync(t => t.Id == tenantId, cancellationToken).ConfigureAwait(false);
        if (tenant is null)
        {
            return false;
        }

        tenant.DeletionStartedAt ??= now;
        await audit.CommitAsync(
            db,
            new AuditRecord(now, null, actor, "tenant.keys-destroyed", tenantId),
            async ct =>
            {
                await db.DataKeys.Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
                await db.IngestionKeys.Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(ct).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
        keyring.Forget(tenantId);
        await DeleteRowsAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
        await audit.CommitAsync(db, new AuditRecord(now, null, actor, "tenant.deleted", tenantId), null, cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>Finishes deletions that an earlier process started but did not finish.</summary>
    /// <param name="db">A unit of work in the system scope.</param>
    /// <param name="audit">The audit log.</param>
    /// <param name="now">The time.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>Tenants whose deletion was finished.</returns>
    public static async Task<int> ResumeAsync(PalmKeyDbContext db, AuditLog audit, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(audit);
        RequireSystem(db);
        var pending = await db.Tenants.Where(t => t.DeletionStartedAt != null).Select(t => t.Id).ToListAsync(cancellationToken).ConfigureAwait(false);
        foreach (var tenantId in pending)
        {
            await db.DataKeys.Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await db.IngestionKeys.Where(k => k.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
            await DeleteRowsAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
            await audit.CommitAsync(db, new AuditRecord(now, null, "system", "tenant.deleted", tenantId), null, cancellationToken).ConfigureAwait(false);
        }

        return pending.Count;
    }

    private static async Task DeleteRowsAsync(PalmKeyDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        // Children before parents, so that no step depends on the engine cascading.
        await db.UsageEvents.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Palms.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.LinkedAccounts.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.CustomerSessions.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Customers.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.EnrollmentSessions.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.OtpChallenges.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.IdempotencyRecords.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.IdentificationAttempts.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.ApiKeys.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Devices.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Sites.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.DataKeys.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.IngestionKeys.Where(e => e.TenantId == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Tenants.Where(e => e.Id == tenantId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
    }

    private static void RequireSystem(PalmKeyDbContext db)
    {
        if (!db.Scope.IsSystem)
        {
            throw new InvalidOperationException("Deleting a tenant is a platform action; run it in the system scope.");
        }
    }
}
