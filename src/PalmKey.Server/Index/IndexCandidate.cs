namespace PalmKey.Server.Index;

/// <summary>The best-scoring enrolled palm for a probe.</summary>
/// <param name="CustomerId">Whose palm.</param>
/// <param name="PalmId">Which palm.</param>
/// <param name="Score">The score, 0 to 100 (the best over the palm's captures).</param>
internal readonly record struct IndexCandidate(string CustomerId, string PalmId, double Score);
