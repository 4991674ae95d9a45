using PalmKey.Engine;

namespace PalmKey;

/// <summary>
/// Turns a palm region of interest (ROI) into a template or a probe with the competitive code
/// (docs/accuracy.md). The ROI is a gray image of the palm's centre, cut square and upright by the
/// localization step or by the capture device, at any size: it is cut to its central square and
/// resampled to 128x128 inside. Stateless and safe to call from many threads at once.
/// </summary>
public static class PalmExtractor
{
    /// <summary>A one-line description of the algorithm and its parameters, for reports.</summary>
    public static string AlgorithmDescription { get; } =
        $"PalmKey competitive code v{CodeLayout.AlgorithmVersion}: {CodeLayout.Orientations} orientations x {CodeLayout.Scales} scales, "
        + $"{CodeLayout.Grid}x{CodeLayout.Grid} cells, shifts up to {CodeLayout.MaxShift} cells, probe rotations {string.Join("/", CodeLayout.ProbeRotations.ToArray())} degrees, "
        + $"each at {CodeLayout.ProbeOffsets.Length} half-cell grid offsets";

    /// <summary>The smallest ROI side, in pixels, that carries enough palm lines to code.</summary>
    public const int MinimumRoiSide = 32;

    /// <summary>
    /// Makes the template of one capture, for enrollment or storage. Costs about 0.3 ms on one core
    /// for a 128x128 ROI (docs/benchmarks.md), plus resampling for other sizes.
    /// </summary>
    /// <param name="roi">The palm ROI, at least <see cref="MinimumRoiSide"/> pixels on each side.</param>
    /// <returns>The template.</returns>
    /// <exception cref="ArgumentException">The ROI is smaller than <see cref="MinimumRoiSide"/> on a side.</exception>
    public static PalmTemplate Extract(GrayImage roi)
    {
        var normalized = Normalize(roi);
        return new PalmTemplate(CompetitiveCoder.Encode(normalized));
    }

    /// <summary>
    /// Prepares a capture for identification: its template plus codes of the ROI turned by -5 and +5
    /// degrees, each rotation coded at four half-cell grid offsets. Costs about 12 times
    /// <see cref="Extract"/> (docs/benchmarks.md); a scanner prepares one per frame.
    /// </summary>
    /// <param name="roi">The palm ROI, at least <see cref="MinimumRoiSide"/> pixels on each side.</param>
    /// <returns>The probe.</returns>
    /// <exception cref="ArgumentException">The ROI is smaller than <see cref="MinimumRoiSide"/> on a side.</exception>
    public static PalmProbe ExtractProbe(GrayImage roi)
    {
        var normalized = Normalize(roi);
        var rotations = CodeLayout.ProbeRotations;
        var codes = new List<uint[]>(rotations.Length * CodeLayout.ProbeOffsets.Length);
        foreach (var degrees in rotations)
        {
            var turned = degrees == 0 ? normalized : RoiSampler.Rotate(normalized, CodeLayout.RoiSize, degrees);
            codes.AddRange(CompetitiveCoder.Encode(turned, CodeLayout.ProbeOffsets));
        }

        return new PalmProbe([.. codes], CodeLayout.ProbeOffsets.ToArray());
    }

    private static float[] Normalize(GrayImage roi)
    {
        ArgumentNullException.ThrowIfNull(roi);
        if (roi.Width < MinimumRoiSide || roi.Height < MinimumRoiSide)
        {
            throw new ArgumentException($"A palm ROI must be at least {MinimumRoiSide}x{MinimumRoiSide} pixels; this one is {roi.Width}x{roi.Height}.", nameof(roi));
        }

        return RoiSampler.Normalize(roi);
    }
}
