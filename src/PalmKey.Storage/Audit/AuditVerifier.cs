using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage.Audit;

/// <summary>
/// Recomputes the audit chain from the first entry and reports the first entry that does not fit: a
/// changed entry, a removed or inserted one, or a gap. Streams the table; memory stays constant.
/// </summary>
public static class AuditVerifier
{
    /// <summary>Checks the whole chain.</summary>
    /// <param name="db">A context in the system scope.</param>
    /// <param name="cancellationToken">Cancels the scan.</param>
    /// <returns>The result.</returns>
    /// <exception cref="InvalidOperationException">The context is not in the system scope.</exception>
    public static async Task<AuditVerification> VerifyAsync(PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Scope.IsSystem)
        {
            throw new InvalidOperationException("The audit chain spans tenants; verify it in the system scope.");
        }

        var previous = AuditChain.Genesis.ToArray();
        long expected = 1;
        await foreach (var entry in db.AuditEntries.AsNoTracking().OrderBy(e => e.Sequence).AsAsyncEnumerable().WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (entry.Sequence != expected)
            {
                var problem = entry.Sequence > expected
                    ? $"entry {expected} is missing: the next entry is {entry.Sequence}"
                    : $"entry {entry.Sequence} is out of order";
                return new AuditVerification(expected, expected, problem, null);
            }

            var hash = AuditChain.ComputeHash(previous, entry);
            if (!hash.AsSpan().SequenceEqual(entry.Hash))
            {
                return new AuditVerification(expected, entry.Sequence, $"entry {entry.Sequence} does not match its hash: it was altered, or the entry before it was rewritten", null);
            }

            previous = hash;
            expected++;
        }

        return new AuditVerification(expected - 1, null, null, expected == 1 ? null : Convert.ToHexStringLower(previous));
    }
}
