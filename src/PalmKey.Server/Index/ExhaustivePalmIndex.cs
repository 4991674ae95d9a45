namespace PalmKey.Server.Index;

/// <summary>
/// The interim index: compares a probe with every enrolled template, in parallel over the cores once
/// the gallery is large enough to pay for it. Searches read an immutable snapshot; writers copy it
/// under a lock and swap it in, so a search never waits and never sees half a change.
/// </summary>
internal sealed class ExhaustivePalmIndex : ITenantPalmIndex
{
    private const int ParallelFrom = 2048;
    private readonly Lock _writeLock = new();
    private Snapshot _snapshot = Snapshot.Empty;

    public int PalmCount => Volatile.Read(ref _snapshot).Palms.Length;

    public int TemplateCount => Volatile.Read(ref _snapshot).TemplateCount;

    public void Add(IEnumerable<IndexedPalm> palms)
    {
        ArgumentNullException.ThrowIfNull(palms);
        var added = palms.ToList();
        if (added.Any(p => p.Captures.Count == 0))
        {
            throw new ArgumentException("Every palm needs at least one capture.", nameof(palms));
        }

        lock (_writeLock)
        {
            var ids = added.Select(p => p.PalmId).ToHashSet(StringComparer.Ordinal);
            var palmsAfter = _snapshot.Palms.Where(p => !ids.Contains(p.PalmId)).Concat(added).ToArray();
            Volatile.Write(ref _snapshot, new Snapshot(palmsAfter));
        }
    }

    public int RemoveCustomer(string customerId)
    {
        lock (_writeLock)
        {
            var palmsAfter = _snapshot.Palms.Where(p => p.CustomerId != customerId).ToArray();
            var removed = _snapshot.Palms.Length - palmsAfter.Length;
            if (removed > 0)
            {
                Volatile.Write(ref _snapshot, new Snapshot(palmsAfter));
            }

            return removed;
        }
    }

    public bool Contains(string customerId) => Array.Exists(Volatile.Read(ref _snapshot).Palms, p => p.CustomerId == customerId);

    public IndexDecision Identify(PalmMatcher probe, double targetFpir) => Decide(probe, targetFpir);

    public IndexDecision FindDuplicate(PalmMatcher captures, double targetFpir) => Decide(captures, targetFpir);

    private IndexDecision Decide(PalmMatcher probe, double targetFpir)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var snapshot = Volatile.Read(ref _snapshot);
        return new IndexDecision(Search(snapshot.Palms, probe), InterimThreshold.For(targetFpir, snapshot.TemplateCount));
    }

    private static PalmCandidate? Search(IndexedPalm[] palms, PalmMatcher probe)
    {
        if (palms.Length == 0)
        {
            return null;
        }

        if (palms.Length < ParallelFrom || Environment.ProcessorCount == 1)
        {
            return BestIn(palms, 0, palms.Length, probe);
        }

        var parts = Environment.ProcessorCount;
        var best = new PalmCandidate?[parts];
        Parallel.For(0, parts, part =>
        {
            var start = (int)((long)palms.Length * part / parts);
            var end = (int)((long)palms.Length * (part + 1) / parts);
            best[part] = BestIn(palms, start, end, probe);
        });

        // Parts are in palm order, so ties resolve to the earliest palm as in the sequential search.
        PalmCandidate? result = null;
        foreach (var candidate in best)
        {
            if (candidate is { } c && (result is null || c.Score > result.Value.Score))
            {
                result = c;
            }
        }

        return result;
    }

    private static PalmCandidate? BestIn(IndexedPalm[] palms, int start, int end, PalmMatcher probe)
    {
        PalmCandidate? best = null;
        for (var i = start; i < end; i++)
        {
            var palm = palms[i];
            var score = probe.Match(palm.Captures);
            if (best is null || score > best.Value.Score)
            {
                best = new PalmCandidate(palm.CustomerId, palm.PalmId, score);
            }
        }

        return best;
    }

    private sealed class Snapshot
    {
        public Snapshot(IndexedPalm[] palms)
        {
            Palms = palms;
            TemplateCount = palms.Sum(p => p.Captures.Count);
        }

        public static Snapshot Empty { get; } = new([]);

        public IndexedPalm[] Palms { get; }

        public int TemplateCount { get; }
    }
}
