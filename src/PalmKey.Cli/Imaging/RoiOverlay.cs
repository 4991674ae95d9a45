using System.Globalization;
using System.Numerics;

namespace PalmKey.Cli.Imaging;

/// <summary>
/// Draws what the localizer found over the frame, for a person to check: the hand outline (green), the
/// finger valleys (red, the index-middle one larger), the palm centre (blue), the palm axes (yellow),
/// the ROI square (cyan, its top edge, towards the fingers, in magenta), the ROI itself in a corner,
/// and the verdict.
/// </summary>
internal static class RoiOverlay
{
    private static readonly (byte, byte, byte) ContourColor = (60, 220, 60);
    private static readonly (byte, byte, byte) ValleyColor = (240, 40, 40);
    private static readonly (byte, byte, byte) CentreColor = (60, 120, 255);
    private static readonly (byte, byte, byte) AxisColor = (250, 220, 40);
    private static readonly (byte, byte, byte) RoiColor = (40, 230, 230);
    private static readonly (byte, byte, byte) TopColor = (240, 60, 240);
    private static readonly (byte, byte, byte) OkText = (255, 255, 255);
    private static readonly (byte, byte, byte) ProblemText = (255, 90, 90);

    /// <summary>The overlay, scaled down so that its longer side is at most <paramref name="maxSide"/> pixels.</summary>
    public static RgbImage Draw(RgbImage frame, LocalizationResult result, int maxSide)
    {
        var scale = Math.Min(1f, (float)maxSide / Math.Max(frame.Width, frame.Height));
        var width = Math.Max(1, (int)(frame.Width * scale));
        var height = Math.Max(1, (int)(frame.Height * scale));
        var canvas = new Canvas(width, height, Resize(frame, width, height));
        var thickness = Math.Max(1, (int)MathF.Round(Math.Max(width, height) / 400f));

        Vector2 Map(Vector2 p) => ((p + new Vector2(0.5f)) * new Vector2((float)width / frame.Width, (float)height / frame.Height)) - new Vector2(0.5f);

        var contour = result.Contour;
        for (var i = 0; i < contour.Count; i++)
        {
            canvas.Dot(Map(contour[i]), ContourColor, thickness / 2f);
        }

        if (result.RoiCorners.Count == 4)
        {
            var corners = result.RoiCorners.Select(Map).ToArray();
            canvas.Line(corners[1], corners[2], RoiColor, thickness);
            canvas.Line(corners[2], corners[3], RoiColor, thickness);
            canvas.Line(corners[3], corners[0], RoiColor, thickness);
            canvas.Line(corners[0], corners[1], TopColor, thickness + 1);
        }

        if (result.Valleys.Count == 3)
        {
            var index = Map(result.Valleys[0]);
            var little = Map(result.Valleys[2]);
            var origin = (index + little) / 2;
            canvas.Line(index, little, AxisColor, thickness);
            if (result.RoiCorners.Count == 4)
            {
                var down = Vector2.Normalize(result.RoiCorners[3] - result.RoiCorners[0]);
                canvas.Line(origin, origin + (down * Vector2.Distance(index, little)), AxisColor, thickness);
            }

            canvas.Dot(index, ValleyColor, 3 * thickness);
            canvas.Dot(Map(result.Valleys[1]), ValleyColor, 2 * thickness);
            canvas.Dot(little, ValleyColor, 2 * thickness);
        }

        if (result.PalmCentre is { } centre)
        {
            canvas.Dot(Map(centre), CentreColor, 2 * thickness);
        }

        if (result.Roi is { } roi && roi.Width <= width / 3 && roi.Height <= height / 2)
        {
            canvas.Paste(roi, width - roi.Width - 2, 2);
        }

        var label = result.Verdict.ToString().ToUpperInvariant() + " " + result.Score.ToString("0.###", CultureInfo.InvariantCulture)
            + (result.IsMirrored ? " MIRRORED" : string.Empty);
        var textScale = Math.Max(1, Math.Max(width, height) / 320);
        canvas.Text(2 * textScale, 2 * textScale, label, result.IsOk ? OkText : ProblemText, textScale);
        return canvas.ToImage();
    }

    /// <summary>Area-average (box) resampling of an RGB image; good enough for a preview.</summary>
    private static byte[] Resize(RgbImage frame, int width, int height)
    {
        var result = new byte[width * height * 3];
        var sx = (double)frame.Width / width;
        var sy = (double)frame.Height / height;
        for (var y = 0; y < height; y++)
        {
            var y0 = (int)(y * sy);
            var y1 = Math.Max(y0 + 1, (int)((y + 1) * sy));
            for (var x = 0; x < width; x++)
            {
                var x0 = (int)(x * sx);
                var x1 = Math.Max(x0 + 1, (int)((x + 1) * sx));
                int r = 0, g = 0, b = 0, n = 0;
                for (var yy = y0; yy < y1; yy++)
                {
                    for (var xx = x0; xx < x1; xx++)
                    {
                        var i = ((yy * frame.Width) + xx) * 3;
                        r += frame.Pixels[i];
                        g += frame.Pixels[i + 1];
                        b += frame.Pixels[i + 2];
                        n++;
                    }
                }

                var o = ((y * width) + x) * 3;
                result[o] = (byte)(r / n);
                result[o + 1] = (byte)(g / n);
                result[o + 2] = (byte)(b / n);
            }
        }

        return result;
    }
}
