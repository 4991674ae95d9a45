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
    /// <summary>What the images were taken to show (never <see cref="InputMode.Auto"/>).</summary>
    public InputMode Input { get; init; } = InputMode.Roi;

    /// <summary>The change applied to probe frames before localization, or null.</summary>
    public FrameTransform? ProbeTransform { get; init; }

    public double FailureToEnrollRate => Images == 0 ? 0 : (double)Failures.Count / Images;
}
