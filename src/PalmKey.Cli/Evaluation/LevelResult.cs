namespace PalmKey.Cli.Evaluation;

/// <summary>The verification error rates and rank-1 rate of one level (image or palm).</summary>
internal sealed record LevelResult(ErrorRates Rates, RankOneCounter RankOne);
