using System.Collections.Concurrent;

namespace PalmKey.Server.Index;

/// <summary>
/// Every tenant's palm index, one per tenant, so that one tenant's palms are never compared with
/// another's. Also holds each tenant's enrollment gate, which makes the duplicate check and the
/// insert of one enrollment atomic with respect to the tenant's other enrollments. Thread-safe.
/// </summary>
internal sealed class PalmIndexRegistry
{
    private readonly ConcurrentDictionary<string, Entry> _tenants = new(StringComparer.Ordinal);
    private readonly Func<ITenantPalmIndex> _createIndex;
    private volatile bool _loaded;

    // createIndex makes an empty index for a tenant: the one place that picks the 1:N implementation.
    public PalmIndexRegistry(Func<ITenantPalmIndex> createIndex)
    {
        _createIndex = createIndex;
    }

    /// <summary>Whether the start-up load from storage has finished.</summary>
    public bool IsLoaded => _loaded;

    public ITenantPalmIndex For(string tenantId) => EntryFor(tenantId).Index;

    public SemaphoreSlim EnrollmentGate(string tenantId) => EntryFor(tenantId).Gate;

    /// <summary>Forgets a deleted tenant's index.</summary>
    public void Drop(string tenantId) => _tenants.TryRemove(tenantId, out _);

    public void MarkLoaded() => _loaded = true;

    private Entry EntryFor(string tenantId) => _tenants.GetOrAdd(tenantId, _ => new Entry(_createIndex()));

    private sealed record Entry(ITenantPalmIndex Index)
    {
        public SemaphoreSlim Gate { get; } = new(1, 1);
    }
}
