namespace PalmKey.Cli.Evaluation;

/// <summary>
/// One threshold of an evaluation: comparisons scoring above <see cref="Threshold"/> are accepted.
/// <see cref="CountLimited"/> marks a point that rests on too few impostor scores to be precise.
/// </summary>
internal sealed record OperatingPoint(double TargetFmr, float Threshold, double Fmr, double Fnmr, bool CountLimited);
