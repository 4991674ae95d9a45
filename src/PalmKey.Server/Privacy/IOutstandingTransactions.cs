namespace PalmKey.Server.Privacy;

/// <summary>
/// The hook that account cancellation asks before deleting everything: the payments side reports
/// transactions that must settle first. Until they do, the account waits, its palms already deleted,
/// and the retention job deletes the rest once nothing is outstanding.
/// </summary>
internal interface IOutstandingTransactions
{
    Task<IReadOnlyList<OutstandingTransaction>> ListAsync(string tenantId, string customerId, CancellationToken cancellationToken);
}
