namespace PalmKey;

/// <summary>
/// How <see cref="PalmIndex.Search(PalmProbe, PalmSearchOptions?)"/> searches and decides. Immutable once
/// made; one instance may serve every search.
/// </summary>
public sealed class PalmSearchOptions
{
    /// <summary>The options every search uses when it is given none.</summary>
    public static PalmSearchOptions Default { get; } = new();

    /// <summary>How many of the best palms a result lists, best first (at least 1; default 5).</summary>
    public int Candidates { get; init; } = 5;

    /// <summary>
    /// The target false-positive identification rate: the share of searches by people who are not
    /// enrolled that may return a match (default 1e-3). The threshold that gives it depends on how many
    /// captures are enrolled and how many frames the probe has (<see cref="PalmIndex.ThresholdForFpir(double, long, int)"/>).
    /// Ignored when <see cref="Threshold"/> is set.
    /// </summary>
    public double Fpir { get; init; } = 1e-3;

    /// <summary>A fixed score threshold (0 to 100) instead of one derived from <see cref="Fpir"/>; null by default.</summary>
    public double? Threshold { get; init; }

    /// <summary>Threads one search may use (default 1). The index splits the work of a single search across them.</summary>
    public int Threads { get; init; } = 1;

    /// <summary>
    /// Scores every enrolled capture with the full matcher instead of the fast search: about 3.6
    /// microseconds per capture and probe frame on one core. For audits and benchmarks of the fast search.
    /// </summary>
    public bool Exhaustive { get; init; }

    internal void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(Candidates, 1, nameof(Candidates));
        ArgumentOutOfRangeException.ThrowIfLessThan(Threads, 1, nameof(Threads));
        if (!(Fpir > 0 && Fpir < 1))
        {
            throw new ArgumentOutOfRangeException(nameof(Fpir), Fpir, "The FPIR must lie strictly between 0 and 1.");
        }

        if (Threshold is { } threshold && !(threshold >= 0 && threshold <= PalmMatcher.MaxScore))
        {
            throw new ArgumentOutOfRangeException(nameof(Threshold), threshold, "A threshold lies between 0 and 100.");
        }
    }
}
