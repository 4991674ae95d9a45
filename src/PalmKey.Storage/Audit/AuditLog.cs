using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Audit;

/// <summary>
/// Appends to the audit chain in the same transaction as the change it records, so that a change is
/// never saved without its entry. Appends are serialized within the process; between processes the
/// unique sequence number catches a race, and the work and the append are retried. Thread-safe; one per process.
/// </summary>
public sealed class AuditLog : IDisposable
{
    private const int Attempts = 5;
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>
    /// Runs <paramref name="work"/> (which may stage changes in the context or run bulk deletes), then
    /// saves the staged changes and the audit entry, all in one transaction. The work may run again if
    /// another process appended at the same moment, so it must be repeatable.
    /// </summary>
    /// <param name="db">The unit of work; its scope must allow the entry's tenant.</param>
    /// <param name="record">What happened.</param>
    /// <param name="work">The change, or null when the context already holds it.</param>
    /// <param name="cancellationToken">Cancels before the commit.</param>
    /// <returns>The entry written.</returns>
    public async Task<AuditEntry> CommitAsync(PalmKeyDbContext db, AuditRecord record, Func<CancellationToken, Task>? work, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(record);
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            for (var attempt = 1; ; attempt++)
            {
                var transaction = await db.Database.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (transaction.ConfigureAwait(false))
                {
                    AuditEntry? entry = null;
                    try
                    {
                        if (work is not null)
                        {
                            await work(cancellationToken).ConfigureAwait(false);
                        }

                        var last = await db.AuditEntries.IgnoreQueryFilters().AsNoTracking()
                            .OrderByDescending(e => e.Sequence)
                            .Select(e => new { e.Sequence, e.Hash })
                            .FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
                        entry = AuditChain.Seal(record, (last?.Sequence ?? 0) + 1, last is null ? AuditChain.Genesis : last.Hash);
                        db.AuditEntries.Add(entry);
                        await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
                        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                        return entry;
                    }
                    catch (DbUpdateException) when (attempt < Attempts && entry is not null)
                    {
                        await transaction.RollbackAsync(cancellationToken).ConfigureAwait(false);
                        db.Entry(entry).State = EntityState.Detached;
                        var sequence = entry.Sequence;
                        if (!await db.AuditEntries.IgnoreQueryFilters().AnyAsync(e => e.Sequence == sequence, cancellationToken).ConfigureAwait(false))
                        {
                            // Not a race with another process for this position: the caller's own change failed.
                            throw;
                        }
                    }
                }
            }
        }
        finally
        {
            _gate.Release();
        }
    }

    /// <inheritdoc/>
    public void Dispose() => _gate.Dispose();
}
