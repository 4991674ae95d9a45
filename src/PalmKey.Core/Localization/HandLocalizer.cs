using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// Finds a hand in a frame and cuts its palm ROI (docs/localization.md): segment at a coarse scale,
/// segment again around the hand at a scale set by the palm's size, find the gaps between the four
/// fingers on the outline, build the palm's coordinate system on the two outer finger valleys, and cut
/// a square below them from the full-resolution frame.
/// </summary>
internal static class HandLocalizer
{
    /// <summary>The coarse pass reduces the frame until its longer side is at most this many pixels.</summary>
    private const int CoarseSide = 192;

    /// <summary>
    /// The fine pass works at the scale where the palm's inscribed circle has a radius of this many pixels
    /// or up to twice as many (the frame is reduced by a whole factor). At 40, the gaps between closed
    /// fingers of camera photos merged and 5% of coep-hand images were mislocalized; 56 was as accurate
    /// as 80 on both sets, and costs about half as much.
    /// </summary>
    private const float WorkingPalmRadius = 56;

    /// <summary>Frames smaller than this on a side cannot hold a palm ROI.</summary>
    private const int MinimumFrameSide = 32;

    /// <summary>The ROI's side as a multiple of the palm width (the distance between the outer valleys).</summary>
    private const float RoiScale = 1.05f;

    /// <summary>How far below the valley line the ROI's centre lies, as a multiple of the palm width.</summary>
    private const float RoiDrop = 0.65f;

    /// <summary>The share of the ROI square that may fall outside the frame (border pixels are repeated there).</summary>
    private const double MaxShareOutside = 0.02;

    /// <summary>A palm width above this share of the frame's shorter side, with the ROI cut off, means the hand is too close.</summary>
    private const double TooCloseWidthShare = 0.45;

    /// <summary>The share of the ROI square that must lie on the hand region.</summary>
    private const double MinShareInHand = 0.85;

    /// <summary>The smallest ROI side, in frame pixels, that still carries the palm lines.</summary>
    private const float MinimumRoiSide = 48;

    /// <summary>The ROI side as a multiple of the palm's inscribed radius, about 1.05 on both development sets.</summary>
    private const float EstimatedRoiPerRadius = 1.05f;

    /// <summary>The smallest depth of a finger gap, as a share of the palm's inscribed radius.</summary>
    private const float MinimumGapDepth = 0.15f;

    /// <summary>How far a finger cut off by a crease may lie from the hand and still be joined to it, as a share of the palm's inscribed radius.</summary>
    private const float AttachReach = 0.4f;

    /// <summary>The smallest region, as a share of the hand's area, that is joined to the hand as a finger.</summary>
    private const double AttachedShare = 0.008;

    /// <summary>Where the weak threshold lies between the background's mean (0) and Otsu's threshold (1).</summary>
    private const float WeakFraction = 0.35f;

    /// <summary>The side of the window whose lines tell which way round the palm is, as a multiple of the palm's size.</summary>
    private const float HandednessSide = 0.7f;

    /// <summary>How far below the valley line that window's centre lies, as a multiple of the palm's size.</summary>
    private const float HandednessDrop = 0.6f;

    /// <summary>The weight of the palm lines' slant (-1 to 1) against the thumb's evidence (about 1 where the thumb shows).</summary>
    private const double TextureWeight = 3;

    /// <summary>The evidence for the thumb side above which the reading counts as certain.</summary>
    private const double CertainEvidence = 0.5;

    /// <summary>The smallest difference between the means of the bright and dark classes (gray levels) that is segmented.</summary>
    private const double MinimumContrast = 12;

    /// <summary>The lowest mean ROI brightness: below it the lines span too few gray levels to code.</summary>
    private const double MinimumBrightness = 30;

    /// <summary>
    /// The largest share of ROI pixels at 250 or more. PolyU frames with up to 62% of the ROI clipped still
    /// showed their lines and matched at rank 1, so only a palm clipped almost everywhere is refused.
    /// </summary>
    private const double MaxSaturatedShare = 0.8;

    /// <summary>
    /// The lowest ROI sharpness (see <see cref="CaptureVerdict.Blurred"/>). Sharp frames of polyu-palm and
    /// coep-hand measure 0.9 to 4; frames blurred by 1% of the palm width measure 0.35 to 0.9 and still
    /// match; blur of 3% or more brings them to 0.13 to 0.3, the noise floor, where most no longer match.
    /// </summary>
    private const double MinimumSharpness = 0.3;

    public static LocalizationResult Locate(Frame frame, PalmLocalizerOptions options, LocalizationTrace? trace = null)
    {
        if (frame.Width < MinimumFrameSide || frame.Height < MinimumFrameSide)
        {
            return Reject(CaptureVerdict.NoHand, 0, HandGeometry.None);
        }

        // Coarse pass: find the hand region and its scale.
        var coarseFactor = Math.Max(1, (Math.Max(frame.Width, frame.Height) + CoarseSide - 1) / CoarseSide);
        var coarse = frame.Downscale(0, 0, frame.Width / coarseFactor, frame.Height / coarseFactor, coarseFactor);
        trace?.Mark("coarseDown");
        var smooth = BinaryImage.Smooth(coarse.Gray, coarse.Width, coarse.Height);
        trace?.Mark("coarseSmooth");
        var otsu = Otsu.Of(smooth);
        if (trace is not null)
        {
            trace.Otsu = otsu;
        }

        if (otsu.BrightMean - otsu.DarkMean < MinimumContrast)
        {
            // Too little contrast to segment. Where the frame is dark yet its brighter part still stands
            // out clearly from the rest, something is there in too little light; else nothing is there.
            var dim = otsu.BrightMean < MinimumBrightness && otsu.BrightMean - otsu.DarkMean >= MinimumContrast / 3 && otsu.BrightMean > 2 * otsu.DarkMean;
            return dim
                ? Reject(CaptureVerdict.TooDark, otsu.BrightMean, HandGeometry.None)
                : Reject(CaptureVerdict.NoHand, 0, HandGeometry.None);
        }

        var brightHand = BorderShareAbove(smooth, coarse.Width, coarse.Height, otsu.Threshold) < 0.5;
        var weakThreshold = WeakThreshold(otsu, brightHand);
        if (trace is not null)
        {
            trace.Values["otsuT"] = otsu.Threshold;
            trace.Values["weakT"] = weakThreshold;
            trace.Values["darkMean"] = otsu.DarkMean;
            trace.Values["darkSd"] = otsu.DarkSpread;
        }

        var coarseMask = Segment(smooth, coarse, weakThreshold, brightHand, 0, out var coarseArea);
        var areaShare = (double)coarseArea / coarseMask.Length;
        if (coarseArea < 0.01 * coarseMask.Length)
        {
            return Reject(CaptureVerdict.NoHand, areaShare, HandGeometry.None);
        }

        trace?.Mark("coarseMask");
        var coarseDistance = DistanceTransform.Compute(coarseMask, coarse.Width, coarse.Height);
        var coarseRadius = coarseDistance.Max() * coarseFactor;

        trace?.Mark("coarseDT");
        // Fine pass, around the hand, at a scale where the palm has a standard size.
        var factor = Math.Max(1, (int)(coarseRadius / WorkingPalmRadius));
        var (left, top, right, bottom) = BoundingBox(coarseMask, coarse.Width, coarse.Height);
        var margin = (int)(0.5f * coarseRadius) + (2 * factor);
        left = Math.Max(0, (left * coarseFactor) - margin);
        top = Math.Max(0, (top * coarseFactor) - margin);
        right = Math.Min(frame.Width, ((right + 1) * coarseFactor) + margin);
        bottom = Math.Min(frame.Height, ((bottom + 1) * coarseFactor) + margin);
        var work = frame.Downscale(left, top, (right - left) / factor, (bottom - top) / factor, factor);
        trace?.Mark("fineDown");
        var reach = AttachReach * coarseRadius / factor;
        var mask = Segment(BinaryImage.Smooth(work.Gray, work.Width, work.Height), work, weakThreshold, brightHand, reach, out var area);
        if (area == 0)
        {
            return Reject(CaptureVerdict.NoHand, areaShare, HandGeometry.None);
        }

        trace?.Mark("fineMask");
        var distance = DistanceTransform.Compute(mask, work.Width, work.Height);
        var centreIndex = ArgMax(distance);
        var radius = distance[centreIndex];
        var centre = new Vector2(centreIndex % work.Width, centreIndex / work.Width);
        trace?.Mark("fineDT");
        var contour = ContourTracer.Trace(mask, work.Width, work.Height);
        trace?.Mark("trace");
        var frameContour = contour.Select(p => work.ToFrame(new Vector2(p.X, p.Y))).ToArray();
        var geometry = HandGeometry.None with { Contour = frameContour, PalmCentre = work.ToFrame(centre) };
        if (trace is not null)
        {
            trace.Work = work;
            trace.Mask = mask;
            trace.PalmRadius = radius;
        }

        var hull = ConvexHull.Indices(contour);
        trace?.Mark("hull");
        var gaps = ConvexHull.Defects(contour, hull, MinimumGapDepth * radius)
            .Select(defect => ToGap(contour, defect))
            .ToList();
        if (trace is not null)
        {
            trace.Gaps = gaps;
        }

        trace?.Mark("defects");
        var fingers = FingerPattern.Find(gaps, centre, radius);
        if (fingers is null && radius * factor * EstimatedRoiPerRadius < MinimumRoiSide)
        {
            // A hand this small cannot show its finger gaps, nor give a ROI large enough to code: the
            // person should come closer, whatever else is wrong. The score estimates the ROI side.
            return Reject(CaptureVerdict.TooFar, radius * factor * EstimatedRoiPerRadius, geometry);
        }

        if (fingers is null)
        {
            // Deep gaps show fingers; a region without any is not a hand.
            return gaps.Count == 0
                ? Reject(CaptureVerdict.NoHand, areaShare, geometry)
                : Reject(CaptureVerdict.FingersNotSpread, Math.Min(gaps.Count, 2), geometry);
        }

        trace?.Mark("pattern");
        var axes = PalmAxesFinder.Build(contour, gaps, fingers.Value, radius, trace);
        var fingerDirection = -axes.Down;
        var directionDegrees = Math.Atan2(fingerDirection.X, -fingerDirection.Y) * 180 / Math.PI;
        var palmWidth = axes.Width * factor;
        trace?.Mark("axes");
        var palmRadius = PalmRadius(distance, work.Width, axes);
        trace?.Mark("palmRadius");
        // The palm's size: the geometric mean of the valley distance and the palm's inscribed radius, which
        // varies less with how far the fingers are spread than either alone.
        var scale = MathF.Sqrt(axes.Width * palmRadius);
        if (trace is not null)
        {
            trace.Values["palmRadius"] = palmRadius * factor;
            trace.Values["scale"] = scale * factor;
        }

        // The ROI: a square below the valley line, centred across the palm, its side proportional to the palm's size.
        var roiCentreWork = axes.Origin + (axes.Down * (RoiDrop * scale));
        var roiCentre = work.ToFrame(roiCentreWork);
        var roiSide = RoiScale * scale * factor;
        geometry = geometry with
        {
            Valleys = [work.ToFrame(axes.IndexValley), work.ToFrame(axes.MiddleValley), work.ToFrame(axes.LittleValley)],
            RoiCorners = RoiCutter.Corners(roiCentre, axes.Across, axes.Down, roiSide),
            IsMirrored = axes.IsMirrored,
            FingerDirectionDegrees = directionDegrees,
            PalmWidth = palmWidth,
        };

        var outside = ShareOutsideFrame(roiCentre, axes.Across, axes.Down, roiSide, frame.Width, frame.Height);
        if (outside > MaxShareOutside)
        {
            var closeness = palmWidth / Math.Min(frame.Width, frame.Height);
            return closeness > TooCloseWidthShare
                ? Reject(CaptureVerdict.TooClose, closeness, geometry)
                : Reject(CaptureVerdict.HandCutOff, outside, geometry);
        }

        var inHand = ShareInMask(roiCentreWork, axes.Across, axes.Down, RoiScale * scale, mask, work.Width, work.Height);
        if (trace is not null)
        {
            trace.Values["inHand"] = inHand;
            trace.Values["fit"] = fingers.Value.Fit;
        }

        if (inHand < MinShareInHand)
        {
            return Reject(CaptureVerdict.NoHand, areaShare, geometry);
        }

        if (roiSide < MinimumRoiSide)
        {
            return Reject(CaptureVerdict.TooFar, roiSide, geometry);
        }

        var turn = Math.Abs(Math.IEEERemainder(directionDegrees - options.ExpectedFingerDirectionDegrees, 360));
        if (turn > options.MaxRotationDegrees)
        {
            return Reject(CaptureVerdict.RotatedTooMuch, turn, geometry);
        }

        // Which way round: the thumb's gap where the outline shows it, and the slant of the lines in the
        // middle of the palm, read in a window of its own so that the ROI's size does not sway it.
        var roi = RoiCutter.Cut(frame, roiCentre, axes.Across, axes.Down, roiSide);
        var window = RoiCutter.Cut(frame, work.ToFrame(axes.Origin + (axes.Down * (HandednessDrop * scale))), axes.Across, axes.Down, HandednessSide * scale * factor);
        trace?.Mark("cut");
        var texture = PalmTexture.Chirality(window);
        trace?.Mark("texture");
        var evidence = axes.ThumbEvidence + (TextureWeight * texture);
        if (trace is not null)
        {
            trace.Values["thumbEvidence"] = axes.ThumbEvidence;
            trace.Values["texture"] = texture;
            trace.Values["evidence"] = evidence;
        }

        if (evidence < 0)
        {
            roi = PalmTexture.Mirror(roi);
            axes = axes.Mirrored();
            geometry = geometry with
            {
                Valleys = [work.ToFrame(axes.IndexValley), work.ToFrame(axes.MiddleValley), work.ToFrame(axes.LittleValley)],
                RoiCorners = RoiCutter.Corners(roiCentre, axes.Across, axes.Down, roiSide),
                IsMirrored = axes.IsMirrored,
            };
        }

        var quality = CaptureQuality.Measure(roi);
        trace?.Mark("quality");
        if (trace is not null)
        {
            trace.Values["brightness"] = quality.Brightness;
            trace.Values["saturated"] = quality.Saturated;
            trace.Values["sharpness"] = quality.Sharpness;
            trace.Values["mirrored"] = axes.IsMirrored ? 1 : 0;
        }

        if (quality.Brightness < MinimumBrightness)
        {
            return Reject(CaptureVerdict.TooDark, quality.Brightness, geometry);
        }

        if (quality.Saturated > MaxSaturatedShare)
        {
            return Reject(CaptureVerdict.Overexposed, quality.Saturated, geometry);
        }

        if (quality.Sharpness < MinimumSharpness)
        {
            return Reject(CaptureVerdict.Blurred, quality.Sharpness, geometry);
        }

        var certainty = Math.Min(1, Math.Abs(evidence) / CertainEvidence);
        return new LocalizationResult(CaptureVerdict.Ok, Math.Min(fingers.Value.Fit, certainty), roi, geometry);
    }

    /// <summary>
    /// The radius of the largest circle inside the hand whose centre lies in the palm proper: between 0.2
    /// and 1.2 palm widths below the valley line and at most 0.8 palm widths to either side of its middle,
    /// which keeps out the wrist, the forearm and the thumb.
    /// </summary>
    private static float PalmRadius(float[] distance, int width, PalmAxes axes)
    {
        var height = distance.Length / width;
        var best = 0f;
        var step = Math.Max(1f, axes.Width / 60);
        for (var down = 0.2f * axes.Width; down <= 1.2f * axes.Width; down += step)
        {
            for (var across = -0.8f * axes.Width; across <= 0.8f * axes.Width; across += step)
            {
                var point = axes.Origin + (axes.Down * down) + (axes.Across * across);
                var x = (int)MathF.Round(point.X);
                var y = (int)MathF.Round(point.Y);
                if ((uint)x < (uint)width && (uint)y < (uint)height)
                {
                    best = Math.Max(best, distance[(y * width) + x]);
                }
            }
        }

        return best;
    }

    private static LocalizationResult Reject(CaptureVerdict verdict, double score, HandGeometry geometry) => new(verdict, score, null, geometry);

    private static FingerGap ToGap(List<(int X, int Y)> contour, ConvexityDefect defect)
    {
        var valley = Point(contour[defect.Deepest]);
        var start = Point(contour[defect.Start]);
        var end = Point(contour[defect.End]);
        var opening = ((start + end) / 2) - valley;
        opening = opening.LengthSquared() > 0 ? Vector2.Normalize(opening) : Vector2.UnitY;
        return new FingerGap(defect, valley, start, end, opening, defect.Depth);

        static Vector2 Point((int X, int Y) p) => new(p.X, p.Y);
    }

    /// <summary>
    /// The hand region: the largest region of pixels brighter (or darker) than the weak threshold, which
    /// keeps dim fingers that Otsu's threshold alone would cut off, plus the fingers cut from it by a dark
    /// band (see <see cref="BinaryImage.KeepHand"/>), with its holes filled.
    /// </summary>
    private static bool[] Segment(byte[] smooth, WorkImage image, int weakThreshold, bool brightHand, float reach, out int area)
    {
        var mask = Threshold(smooth, image.NonSkin, weakThreshold, brightHand);
        area = BinaryImage.KeepHand(mask, image.Width, image.Height, reach, AttachedShare);
        if (area > 0)
        {
            BinaryImage.FillHoles(mask, image.Width, image.Height);
        }

        return mask;
    }

    /// <summary>
    /// The threshold between hand and background: a third of the way from the background's mean to Otsu's
    /// threshold, but at least three of the background's (robust) standard deviations away from its mean,
    /// so that a textured background (cloth) does not leak into the hand.
    /// </summary>
    private static int WeakThreshold(Otsu otsu, bool brightHand) => brightHand
        ? (int)Math.Min(otsu.Threshold, otsu.DarkMean + Math.Max(WeakFraction * (otsu.Threshold - otsu.DarkMean), 3 * otsu.DarkSpread))
        : (int)Math.Max(otsu.Threshold, otsu.BrightMean - Math.Max(WeakFraction * (otsu.BrightMean - otsu.Threshold), 3 * otsu.BrightSpread));

    private static bool[] Threshold(byte[] smooth, bool[]? nonSkin, int threshold, bool brightHand)
    {
        var mask = new bool[smooth.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = (smooth[i] > threshold) == brightHand && (nonSkin is null || !nonSkin[i]);
        }

        return mask;
    }

    private static double BorderShareAbove(byte[] image, int width, int height, int threshold)
    {
        int above = 0, count = 0;
        for (var x = 0; x < width; x++)
        {
            Count(image[x]);
            Count(image[((height - 1) * width) + x]);
        }

        for (var y = 1; y < height - 1; y++)
        {
            Count(image[y * width]);
            Count(image[(y * width) + width - 1]);
        }

        return (double)above / count;

        void Count(byte value)
        {
            count++;
            if (value > threshold)
            {
                above++;
            }
        }
    }

    private static (int Left, int Top, int Right, int Bottom) BoundingBox(bool[] mask, int width, int height)
    {
        int left = width, top = height, right = -1, bottom = -1;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                if (mask[(y * width) + x])
                {
                    left = Math.Min(left, x);
                    right = Math.Max(right, x);
                    top = Math.Min(top, y);
                    bottom = Math.Max(bottom, y);
                }
            }
        }

        return (left, top, right, bottom);
    }

    private static int ArgMax(float[] values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
            {
                best = i;
            }
        }

        return best;
    }

    /// <summary>The share of a 16x16 grid of points over the square that falls outside the frame.</summary>
    private static double ShareOutsideFrame(Vector2 centre, Vector2 across, Vector2 down, float side, int width, int height)
    {
        var outside = 0;
        foreach (var point in Grid(centre, across, down, side))
        {
            if (point.X < -0.5f || point.Y < -0.5f || point.X > width - 0.5f || point.Y > height - 0.5f)
            {
                outside++;
            }
        }

        return outside / 256.0;
    }

    /// <summary>The share of a 16x16 grid of points over the square (working pixels) that falls on the hand mask.</summary>
    private static double ShareInMask(Vector2 centre, Vector2 across, Vector2 down, float side, bool[] mask, int width, int height)
    {
        var inside = 0;
        foreach (var point in Grid(centre, across, down, side))
        {
            var x = (int)MathF.Round(point.X);
            var y = (int)MathF.Round(point.Y);
            if ((uint)x < (uint)width && (uint)y < (uint)height && mask[(y * width) + x])
            {
                inside++;
            }
        }

        return inside / 256.0;
    }

    private static IEnumerable<Vector2> Grid(Vector2 centre, Vector2 across, Vector2 down, float side)
    {
        for (var j = 0; j < 16; j++)
        {
            for (var i = 0; i < 16; i++)
            {
                yield return centre + (across * (((i + 0.5f) / 16) - 0.5f) * side) + (down * (((j + 0.5f) / 16) - 0.5f) * side);
            }
        }
    }
}
