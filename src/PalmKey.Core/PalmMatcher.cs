using PalmKey.Engine;

namespace PalmKey;

/// <summary>
/// Compares one probe (a template, a prepared probe, or several frames of one hover) with candidate
/// templates. The probe is prepared once, in the constructor; each comparison then searches every
/// translation of up to 12 pixels (3 cells) each way for the best overlap. A prepared probe's rotated
/// and half-cell-moved codes are then tried within one cell of the alignment its own code found.
/// Immutable after construction and safe to use from many threads at once.
/// </summary>
/// <remarks>
/// <para>
/// The score is 100 * (1 - 2d), where d is the smallest fraction of differing code bits over the
/// searched alignments: 100 for identical codes, near 10 for unrelated palms, and never below 0.
/// docs/accuracy.md maps score thresholds to the false-match rates measured on real palms; for
/// example a threshold of 18.2 accepted about one impostor comparison in 10,000 on Tongji.
/// </para>
/// <para>
/// Between two templates the score is symmetric: new PalmMatcher(a).Match(b) equals
/// new PalmMatcher(b).Match(a). A matcher made from a <see cref="PalmProbe"/> also tries the probe's
/// rotated and moved codes, which is what identification uses; it is never below the template's score.
/// </para>
/// </remarks>
public sealed class PalmMatcher
{
    /// <summary>The score of two identical templates.</summary>
    public const double MaxScore = 100;

    // One entry per frame: the frame's own code, searched over every shift, then its variants,
    // searched near the shift the first found.
    private readonly ShiftedCode[][] _frames;

    /// <summary>Prepares a template as the probe. Costs a few microseconds.</summary>
    /// <param name="probe">The probe template.</param>
    public PalmMatcher(PalmTemplate probe)
    {
        ArgumentNullException.ThrowIfNull(probe);
        _frames = [[new ShiftedCode(probe.Code)]];
    }

    /// <summary>Prepares a probe and its rotated and moved codes: 12 times a template's preparation.</summary>
    /// <param name="probe">The probe.</param>
    public PalmMatcher(PalmProbe probe)
        : this([probe ?? throw new ArgumentNullException(nameof(probe))])
    {
    }

    /// <summary>
    /// Prepares several frames of one hover as one probe: a candidate's score is its best score
    /// against any frame. Costs 12 times a template's preparation per frame.
    /// </summary>
    /// <param name="frames">At least one frame.</param>
    /// <exception cref="ArgumentException">No frames were given, or one of them is null.</exception>
    public PalmMatcher(IEnumerable<PalmProbe> frames)
    {
        ArgumentNullException.ThrowIfNull(frames);
        _frames = [.. frames.Select(frame => (frame?.Codes ?? throw new ArgumentException("A frame is null.", nameof(frames))).Select(code => new ShiftedCode(code)).ToArray())];
        if (_frames.Length == 0)
        {
            throw new ArgumentException("A probe needs at least one frame.", nameof(frames));
        }
    }

    /// <summary>
    /// Scores one candidate template. On one core this costs about 1.6 microseconds for a template probe
    /// and about 6 per prepared probe frame (docs/benchmarks.md).
    /// </summary>
    /// <param name="candidate">The enrolled template.</param>
    /// <returns>The similarity, 0 to <see cref="MaxScore"/>.</returns>
    public double Match(PalmTemplate candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        return ScoreOf(MinDistance(candidate.PaddedCode));
    }

    /// <summary>
    /// Scores a palm enrolled with several captures: the best score over its captures. On Tongji this
    /// rule beat the mean of the best two or three, and a majority-vote fused template (docs/accuracy.md).
    /// </summary>
    /// <param name="captures">The palm's enrolled templates, at least one.</param>
    /// <returns>The similarity, 0 to <see cref="MaxScore"/>.</returns>
    /// <exception cref="ArgumentException">No captures were given.</exception>
    public double Match(IEnumerable<PalmTemplate> captures)
    {
        ArgumentNullException.ThrowIfNull(captures);
        var best = double.NaN;
        foreach (var capture in captures)
        {
            var score = Match(capture);
            best = double.IsNaN(best) ? score : Math.Max(best, score);
        }

        return double.IsNaN(best) ? throw new ArgumentException("A palm needs at least one capture.", nameof(captures)) : best;
    }

    /// <summary>The smallest fraction of differing bits that <see cref="Match(PalmTemplate)"/> turns into its score.</summary>
    /// <param name="paddedCandidate">A template's code followed by <see cref="Engine.CodeLayout.Padding"/> zero words.</param>
    internal double MinDistance(uint[] paddedCandidate)
    {
        var best = 1.0;
        foreach (var codes in _frames)
        {
            best = Math.Min(best, codes[0].MinDistance(paddedCandidate, out var dx, out var dy));
            for (var i = 1; i < codes.Length; i++)
            {
                best = Math.Min(best, codes[i].MinDistanceNear(paddedCandidate, dx, dy));
            }
        }

        return best;
    }

    internal static double ScoreOf(double distance) => Math.Max(0, MaxScore * (1 - (2 * distance)));
}
