using PalmKey.Engine;
using PalmKey.Localization;

namespace PalmKey;

/// <summary>
/// Finds the hand in a whole camera or scanner frame and cuts its palm region of interest (ROI), or says
/// why it cannot (docs/localization.md). The ROI lands on the same part of the palm whatever the hand's
/// position, distance and rotation in the frame, and a left palm is mirrored into a right palm's layout,
/// so that <see cref="PalmExtractor"/> can code it. Stateless and safe to call from many threads at once.
/// </summary>
/// <remarks>
/// An unusable frame (no hand, a cut-off or distant hand, closed fingers, blur, poor exposure) is an
/// expected outcome: it comes back as a <see cref="LocalizationResult"/> with a <see cref="CaptureVerdict"/>,
/// never as an exception. Only programming errors (a null frame) throw.
/// </remarks>
public static class PalmLocalizer
{
    /// <summary>The side of the ROI images this class cuts, in pixels: the size <see cref="PalmExtractor"/> codes at.</summary>
    public const int RoiSize = CodeLayout.RoiSize;

    /// <summary>The largest side of an image taken as an ROI already cut rather than a whole-hand frame.</summary>
    public const int MaxRoiSide = 256;

    /// <summary>
    /// Whether an image of this size is an ROI already cut (by a device or a dataset) rather than a
    /// whole-hand frame to localize: square and at most <see cref="MaxRoiSide"/> pixels on a side, as
    /// ROI crops are (Tongji's are 128x128). Camera and scanner frames are neither square nor that small.
    /// </summary>
    /// <param name="width">The image's width in pixels.</param>
    /// <param name="height">The image's height in pixels.</param>
    /// <returns>True for an ROI-sized image.</returns>
    public static bool IsRoiSized(int width, int height) => width == height && width <= MaxRoiSide;

    /// <summary>
    /// Localizes the palm in a gray frame (a scanner, a near-infrared camera, or the luma of a color
    /// camera). Costs at most about 30 ms on one core for a 1024x768 frame, measured on a loaded machine
    /// (docs/benchmarks.md): two passes over the frame at full resolution (the whole frame, then the
    /// hand's bounding box), the rest on reduced copies. Allocates about 4 MB for a 1024x768 frame in
    /// reduced copies and working arrays, never a full-size copy of the frame.
    /// </summary>
    /// <param name="frame">The frame, any size; frames under 32 pixels on a side get <see cref="CaptureVerdict.NoHand"/>.</param>
    /// <param name="options">Device settings, or null for <see cref="PalmLocalizerOptions.Default"/>.</param>
    /// <returns>The verdict, the ROI when the verdict is <see cref="CaptureVerdict.Ok"/>, and the geometry found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    public static LocalizationResult Locate(GrayImage frame, PalmLocalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return HandLocalizer.Locate(new Frame(frame), options ?? PalmLocalizerOptions.Default);
    }

    /// <summary>
    /// Localizes the palm in a color frame. Color helps tell the hand from colored objects beside it
    /// (pegs, sleeves); the ROI is cut from the frame's luma (BT.601). Costs about as much as
    /// <see cref="Locate(GrayImage, PalmLocalizerOptions?)"/> plus a pass over the color samples, and
    /// never converts the whole frame to gray.
    /// </summary>
    /// <param name="frame">The frame, any size; frames under 32 pixels on a side get <see cref="CaptureVerdict.NoHand"/>.</param>
    /// <param name="options">Device settings, or null for <see cref="PalmLocalizerOptions.Default"/>.</param>
    /// <returns>The verdict, the ROI when the verdict is <see cref="CaptureVerdict.Ok"/>, and the geometry found.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="frame"/> is null.</exception>
    public static LocalizationResult Locate(RgbImage frame, PalmLocalizerOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(frame);
        return HandLocalizer.Locate(new Frame(frame), options ?? PalmLocalizerOptions.Default);
    }
}
