namespace PalmKey;

/// <summary>The outcome of an identification search: the best candidates and the open-set decision. Immutable.</summary>
public sealed class PalmSearchResult
{
    internal PalmSearchResult(PalmDecision decision, IReadOnlyList<PalmCandidate> candidates, double threshold)
    {
        Decision = decision;
        Candidates = candidates;
        Threshold = threshold;
    }

    /// <summary>Whether the probe matched one enrolled palm, none, or more than one.</summary>
    public PalmDecision Decision { get; }

    /// <summary>The matched palm when <see cref="Decision"/> is <see cref="PalmDecision.Match"/>; otherwise null.</summary>
    public PalmCandidate? Match => Decision == PalmDecision.Match ? Candidates[0] : null;

    /// <summary>
    /// The best-scoring palms, best first, with their exact scores; equal scores are in id order. Empty
    /// only when nothing is enrolled.
    /// </summary>
    public IReadOnlyList<PalmCandidate> Candidates { get; }

    /// <summary>The score a palm had to beat to match.</summary>
    public double Threshold { get; }
}
