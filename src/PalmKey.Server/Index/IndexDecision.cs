namespace PalmKey.Server.Index;

/// <summary>An open-set decision: the best candidate, the threshold it had to pass, and whether it did.</summary>
/// <param name="Best">The best candidate, or null for an empty index.</param>
/// <param name="Threshold">The score a candidate must exceed, from the tenant's target FPIR and the gallery size.</param>
/// <param name="Ambiguous">More than one palm exceeded the threshold: no one is picked.</param>
internal readonly record struct IndexDecision(IndexCandidate? Best, double Threshold, bool Ambiguous = false)
{
    /// <summary>Whether the best candidate, and only it, scored above the threshold.</summary>
    public bool IsMatch => !Ambiguous && Best is { } best && best.Score > Threshold;

    /// <summary>The matched candidate, or null.</summary>
    public IndexCandidate? Match => IsMatch ? Best : null;
}
