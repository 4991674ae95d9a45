using System.Numerics;
using PalmKey.Localization;

namespace PalmKey;

/// <summary>
/// The outcome of <see cref="PalmLocalizer.Locate(GrayImage, PalmLocalizerOptions?)"/>: the palm ROI
/// when the verdict is <see cref="CaptureVerdict.Ok"/>, else the reason and a message to show the
/// person; plus whatever geometry was found on the way, for a debug overlay. Points are in frame pixel
/// coordinates (x right, y down, pixel centres at whole numbers). Immutable and safe to share between threads.
/// </summary>
public sealed class LocalizationResult
{
    internal LocalizationResult(
        CaptureVerdict verdict,
        double score,
        GrayImage? roi,
        HandGeometry geometry)
    {
        Verdict = verdict;
        Score = score;
        Roi = roi;
        Contour = geometry.Contour;
        Valleys = geometry.Valleys;
        PalmCentre = geometry.PalmCentre;
        RoiCorners = geometry.RoiCorners;
        IsMirrored = geometry.IsMirrored;
        FingerDirectionDegrees = geometry.FingerDirectionDegrees;
        PalmWidth = geometry.PalmWidth;
    }

    /// <summary>The verdict: <see cref="CaptureVerdict.Ok"/> or the first problem found.</summary>
    public CaptureVerdict Verdict { get; }

    /// <summary>True when a palm ROI was cut (<see cref="Verdict"/> is <see cref="CaptureVerdict.Ok"/>).</summary>
    public bool IsOk => Verdict == CaptureVerdict.Ok;

    /// <summary>The measurement behind the verdict; each <see cref="CaptureVerdict"/> value documents its meaning and unit.</summary>
    public double Score { get; }

    /// <summary>One sentence to show the person at the scanner, such as "Move your hand closer to the scanner."</summary>
    public string Message => MessageOf(Verdict);

    /// <summary>
    /// The palm ROI, <see cref="PalmLocalizer.RoiSize"/> pixels square, upright with the fingers above it
    /// and the thumb side on the right, as a camera facing a right palm sees it; a left palm (or a right
    /// palm in a mirrored frame) is mirrored into that layout. Null unless <see cref="IsOk"/>. Pass it
    /// to <see cref="PalmExtractor"/>.
    /// </summary>
    public GrayImage? Roi { get; }

    /// <summary>The outline of the hand region, in order; empty where no hand region was found.</summary>
    public IReadOnlyList<Vector2> Contour { get; }

    /// <summary>
    /// The finger valleys found, in order from the index finger to the little finger: index-middle,
    /// middle-ring, ring-little. Empty where the valleys were not found.
    /// </summary>
    public IReadOnlyList<Vector2> Valleys { get; }

    /// <summary>The centre of the largest circle inside the hand region, or null where no hand region was found.</summary>
    public Vector2? PalmCentre { get; }

    /// <summary>
    /// The ROI square's corners in the frame: top-left, top-right, bottom-right, bottom-left as the ROI
    /// shows them (the top edge faces the fingers). Empty where no ROI was placed.
    /// </summary>
    public IReadOnlyList<Vector2> RoiCorners { get; }

    /// <summary>
    /// True when the ROI was mirrored into the canonical layout (see <see cref="Roi"/>): the frame shows a
    /// left palm as a camera facing it sees it, or a right palm in a mirrored frame.
    /// </summary>
    public bool IsMirrored { get; }

    /// <summary>The direction the fingers point in the frame, in degrees clockwise from straight up (-180 to 180); NaN where not found.</summary>
    public double FingerDirectionDegrees { get; }

    /// <summary>The distance between the index-middle and ring-little valleys, in frame pixels: the palm's scale; NaN where not found.</summary>
    public double PalmWidth { get; }

    /// <summary>The message <see cref="Message"/> shows for a verdict.</summary>
    /// <param name="verdict">The verdict.</param>
    /// <returns>One sentence for the person at the scanner.</returns>
    public static string MessageOf(CaptureVerdict verdict) => verdict switch
    {
        CaptureVerdict.Ok => "Palm captured.",
        CaptureVerdict.NoHand => "Hold your open hand over the scanner, palm facing it.",
        CaptureVerdict.HandCutOff => "Move your hand to the middle of the scanner.",
        CaptureVerdict.TooClose => "Move your hand further from the scanner.",
        CaptureVerdict.TooFar => "Move your hand closer to the scanner.",
        CaptureVerdict.FingersNotSpread => "Spread your fingers apart.",
        CaptureVerdict.RotatedTooMuch => "Turn your hand so that your fingers point the way the guide shows.",
        CaptureVerdict.Blurred => "Hold your hand still.",
        CaptureVerdict.TooDark => "The palm is too dark: add light or move your hand into the light.",
        CaptureVerdict.Overexposed => "The palm is too bright: move your hand out of direct light.",
        _ => throw new ArgumentOutOfRangeException(nameof(verdict), verdict, "Unknown verdict."),
    };
}
