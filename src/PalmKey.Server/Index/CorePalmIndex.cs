using System.Collections.Concurrent;

namespace PalmKey.Server.Index;

/// <summary>
/// One tenant's palms in PalmKey.Core's <see cref="PalmIndex"/>: the SIMD coarse scan, the refine stage
/// and the exact re-rank, with the open-set threshold calibrated for the gallery size (docs/accuracy.md,
/// "1:N identification"). Maps the server's palm and customer ids to the index's opaque ids.
/// Thread-safe: searches run while palms are added and removed.
/// </summary>
internal sealed class CorePalmIndex : ITenantPalmIndex
{
    private readonly PalmIndex _index = new();
    private readonly Lock _writeLock = new();

    // Read by searches without the lock; an owner is written before its palm enters the index and
    // removed after it leaves, so every id a search returns has one.
    private readonly ConcurrentDictionary<Guid, Owner> _owners = new();

    // Guarded by _writeLock.
    private readonly Dictionary<string, Guid> _keys = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Guid>> _byCustomer = new(StringComparer.Ordinal);

    public int PalmCount => _index.Count;

    public int TemplateCount => _index.TemplateCount;

    public void Add(IEnumerable<IndexedPalm> palms)
    {
        ArgumentNullException.ThrowIfNull(palms);
        var added = palms.ToList();
        if (added.Any(p => p.Captures.Count is 0 or > PalmIndex.MaxCapturesPerPalm))
        {
            throw new ArgumentException($"Every palm needs 1 to {PalmIndex.MaxCapturesPerPalm} captures.", nameof(palms));
        }

        lock (_writeLock)
        {
            foreach (var palm in added)
            {
                if (_keys.TryGetValue(palm.PalmId, out var key))
                {
                    Forget(key);
                }

                key = Guid.NewGuid();
                _owners[key] = new Owner(palm.PalmId, palm.CustomerId);
                _index.Add(key, palm.Captures);
                _keys[palm.PalmId] = key;
                if (!_byCustomer.TryGetValue(palm.CustomerId, out var keys))
                {
                    _byCustomer[palm.CustomerId] = keys = [];
                }

                keys.Add(key);
            }
        }
    }

    public int RemoveCustomer(string customerId)
    {
        lock (_writeLock)
        {
            if (!_byCustomer.TryGetValue(customerId, out var keys))
            {
                return 0;
            }

            var removed = keys.Count;
            foreach (var key in keys.ToList())
            {
                Forget(key);
            }

            return removed;
        }
    }

    public bool Contains(string customerId)
    {
        lock (_writeLock)
        {
            return _byCustomer.ContainsKey(customerId);
        }
    }

    public IndexDecision Identify(IReadOnlyList<PalmProbe> frames, double targetFpir) => Decide(frames, targetFpir);

    public IndexDecision FindDuplicate(IReadOnlyList<PalmProbe> captures, double targetFpir) => Decide(captures, targetFpir);

    private IndexDecision Decide(IReadOnlyList<PalmProbe> frames, double targetFpir)
    {
        // A customer has at most two palms, so three candidates tell whether the palms above the
        // threshold belong to one customer (both hands may match: that is still one person) or to
        // several, which is ambiguous and picks no one.
        var result = _index.Search(frames, new PalmSearchOptions { Fpir = targetFpir, Candidates = 3 });
        var candidates = new List<IndexCandidate>();
        foreach (var candidate in result.Candidates)
        {
            // A palm removed since the search read it has no owner any more: leave it out.
            if (_owners.TryGetValue(candidate.Id, out var owner))
            {
                candidates.Add(new IndexCandidate(owner.CustomerId, owner.PalmId, candidate.Score));
            }
        }

        var customersAbove = candidates.Where(c => c.Score > result.Threshold).Select(c => c.CustomerId).Distinct(StringComparer.Ordinal).Count();
        return new IndexDecision(candidates.Count > 0 ? candidates[0] : null, result.Threshold, customersAbove > 1);
    }

    // Takes a palm out of the index, then out of the maps; the caller holds the write lock.
    private void Forget(Guid key)
    {
        _index.Remove(key);
        if (_owners.TryRemove(key, out var owner))
        {
            _keys.Remove(owner.PalmId);
            var keys = _byCustomer[owner.CustomerId];
            keys.Remove(key);
            if (keys.Count == 0)
            {
                _byCustomer.Remove(owner.CustomerId);
            }
        }
    }

    private readonly record struct Owner(string PalmId, string CustomerId);
}
