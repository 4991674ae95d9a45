using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage;

/// <summary>
/// The queries behind the retention rules, run in the database within the context's tenant scope.
/// Each returns at most <c>limit</c> ids, so a purge works in bounded batches.
/// </summary>
public static class RetentionQueries
{
    /// <summary>Customers with no identification since <paramref name="cutoff"/> (counting enrollment as the start).</summary>
    /// <param name="db">The unit of work, in a tenant scope.</param>
    /// <param name="cutoff">Now minus the tenant's dormancy period.</param>
    /// <param name="limit">The most ids to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Customer ids.</returns>
    public static Task<List<string>> DormantCustomersAsync(PalmKeyDbContext db, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Customers
            .Where(c => (c.LastIdentifiedAt ?? c.EnrolledAt) < cutoff)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Customers with no interaction of any kind since <paramref name="cutoff"/>: past the maximum retention.</summary>
    /// <param name="db">The unit of work, in a tenant scope.</param>
    /// <param name="cutoff">Now minus the tenant's maximum retention.</param>
    /// <param name="limit">The most ids to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Customer ids.</returns>
    public static Task<List<string>> RetentionExpiredCustomersAsync(PalmKeyDbContext db, DateTimeOffset cutoff, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Customers
            .Where(c => c.LastInteractionAt < cutoff)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>Customers who asked to cancel while transactions were outstanding.</summary>
    /// <param name="db">The unit of work, in a tenant scope.</param>
    /// <param name="limit">The most ids to return.</param>
    /// <param name="cancellationToken">Cancels the query.</param>
    /// <returns>Customer ids.</returns>
    public static Task<List<string>> PendingCancellationsAsync(PalmKeyDbContext db, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Customers
            .Where(c => c.CancellationRequestedAt != null)
            .OrderBy(c => c.Id)
            .Select(c => c.Id)
            .Take(limit)
            .ToListAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes what has expired on its own: sessions, one-time codes, unfinished enrollments and stored
    /// command outcomes past their expiry, and tenant-level identification log rows older than
    /// <paramref name="logCutoff"/>.
    /// </summary>
    /// <param name="db">The unit of work, in a tenant scope.</param>
    /// <param name="now">The time.</param>
    /// <param name="logCutoff">Now minus the tenant's maximum retention.</param>
    /// <param name="cancellationToken">Cancels the deletes.</param>
    /// <returns>Rows deleted.</returns>
    public static async Task<int> DeleteExpiredAsync(PalmKeyDbContext db, DateTimeOffset now, DateTimeOffset logCutoff, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var deleted = await db.CustomerSessions.Where(s => s.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.OtpChallenges.Where(o => o.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.EnrollmentSessions.Where(e => e.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.IdempotencyRecords.Where(r => r.ExpiresAt < now).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        deleted += await db.IdentificationAttempts.Where(a => a.At < logCutoff).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return deleted;
    }
}
