using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage;

/// <summary>
/// Deletes a customer's rows, inside the context's tenant scope. The foreign keys cascade too; the
/// deletes are explicit so that no row depends on the engine's cascade settings.
/// </summary>
public static class CustomerErasure
{
    /// <summary>Deletes a customer's palms (their encrypted templates).</summary>
    /// <param name="db">The unit of work, in the customer's tenant scope.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Palms deleted.</returns>
    public static Task<int> ErasePalmsAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Palms.Where(p => p.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken);
    }

    /// <summary>
    /// Deletes every row of a customer: palms, cards, payments, linked accounts, usage history, sessions, one-time codes
    /// sent to their number, enrollments in progress for it, stored command outcomes, and the customer row.
    /// </summary>
    /// <param name="db">The unit of work, in the customer's tenant scope.</param>
    /// <param name="customerId">The customer.</param>
    /// <param name="cancellationToken">Cancels the delete.</param>
    /// <returns>Whether the customer existed.</returns>
    public static async Task<bool> EraseCustomerAsync(PalmKeyDbContext db, string customerId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var phoneHash = await db.Customers.Where(c => c.Id == customerId).Select(c => c.PhoneHash).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (phoneHash is null)
        {
            return false;
        }

        var caller = CustomerCaller(customerId);
        await db.Palms.Where(p => p.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.PaymentCards.Where(c => c.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Payments.Where(p => p.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.LinkedAccounts.Where(a => a.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.UsageEvents.Where(u => u.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.CustomerSessions.Where(s => s.CustomerId == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.OtpChallenges.Where(o => o.PhoneHash == phoneHash).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.EnrollmentSessions.Where(e => e.PhoneHash == phoneHash).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.IdempotencyRecords.Where(r => r.Caller == caller).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        await db.Customers.Where(c => c.Id == customerId).ExecuteDeleteAsync(cancellationToken).ConfigureAwait(false);
        return true;
    }

    /// <summary>The caller name a customer's self-service commands are stored under.</summary>
    /// <param name="customerId">The customer.</param>
    /// <returns><c>customer:</c> and the id.</returns>
    public static string CustomerCaller(string customerId) => $"customer:{customerId}";
}
