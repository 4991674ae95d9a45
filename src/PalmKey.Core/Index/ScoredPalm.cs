namespace PalmKey.Index;

/// <summary>A palm record with its exact score against a probe.</summary>
internal readonly record struct ScoredPalm(int Handle, Guid Id, double Score);
