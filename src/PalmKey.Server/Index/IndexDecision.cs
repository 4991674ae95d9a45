namespace PalmKey.Server.Index;

/// <summary>An open-set decision: the best candidate, the threshold it had to pass, and whether it did.</summary>
/// <param name="Best">The best candidate, or null for an empty index.</param>
/// <param name="Threshold">The score a candidate must exceed, from the tenant's target FPIR and the gallery size.</param>
internal readonly record struct IndexDecision(PalmCandidate? Best, double Threshold)
{
    /// <summary>Whether the best candidate scored above the threshold.</summary>
    public bool IsMatch => Best is { } best && best.Score > Threshold;

    /// <summary>The matched candidate, or null.</summary>
    public PalmCandidate? Match => IsMatch ? Best : null;
}
