namespace PalmKey.Server.Enrollment;

/// <summary>
/// Checks that the captures of one palm agree with each other, and that two palms of one enrollment
/// are different palms. Every pair of captures of a palm must score above 17.5, the score that about
/// one impostor comparison in 10,000 passes (docs/accuracy.md): a mixed-up set of captures is caught,
/// while genuine same-session pairs score far above it (their lowest on 100 Tongji palms was 22).
/// </summary>
internal static class CaptureAgreement
{
    public const double Threshold = 17.5;

    /// <summary>The lowest score between any two captures.</summary>
    public static double LowestPairScore(IReadOnlyList<PalmTemplate> captures)
    {
        var lowest = PalmMatcher.MaxScore;
        for (var i = 0; i < captures.Count; i++)
        {
            var matcher = new PalmMatcher(captures[i]);
            for (var j = i + 1; j < captures.Count; j++)
            {
                lowest = Math.Min(lowest, matcher.Match(captures[j]));
            }
        }

        return lowest;
    }

    /// <summary>The highest score between a capture of one palm and a capture of the other.</summary>
    public static double CrossScore(IReadOnlyList<PalmTemplate> first, IReadOnlyList<PalmTemplate> second) =>
        first.Max(capture => new PalmMatcher(capture).Match(second));
}
