namespace PalmKey;

/// <summary>An enrolled palm and its score against a probe (0 to 100, as <see cref="PalmMatcher"/> scores).</summary>
/// <param name="Id">The id the palm was enrolled under.</param>
/// <param name="Score">The best score over the palm's captures and the probe's frames and rotations.</param>
public readonly record struct PalmCandidate(Guid Id, double Score);
