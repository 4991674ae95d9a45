namespace PalmKey.Server.Privacy;

/// <summary>The default hook, until payments exist: nothing is ever outstanding.</summary>
internal sealed class NoOutstandingTransactions : IOutstandingTransactions
{
    public Task<IReadOnlyList<OutstandingTransaction>> ListAsync(string tenantId, string customerId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<OutstandingTransaction>>([]);
}
