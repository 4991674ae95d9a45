namespace PalmKey.Cli.Evaluation;

/// <summary>Everything one evaluation measured.</summary>
internal sealed record EvaluationResult(
    Dataset Dataset,
    Protocol Protocol,
    int Images,
    int Palms,
    IReadOnlyList<ExtractedImage> Failures,
    LevelResult ImageLevel,
    LevelResult PalmLevel,
    double ExtractMillisecondsMedian,
    double MatchMicrosecondsMedian)
{
    public double FailureToEnrollRate => Images == 0 ? 0 : (double)Failures.Count / Images;
}
