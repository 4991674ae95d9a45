using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// Cuts a rotated (and, for a mirrored palm, mirrored) square from the full-resolution frame into an
/// upright <see cref="PalmLocalizer.RoiSize"/>-pixel image. The frame is first box-averaged by the
/// whole part of the scale, and each ROI pixel then averages up to 2 x 2 bilinear samples, so that
/// downscaling does not alias.
/// </summary>
internal static class RoiCutter
{
    /// <param name="frame">The frame.</param>
    /// <param name="centre">The square's centre, frame pixels.</param>
    /// <param name="across">Unit vector along the ROI's rows (left to right), in the frame.</param>
    /// <param name="down">Unit vector along the ROI's columns (top to bottom), in the frame.</param>
    /// <param name="side">The square's side, frame pixels.</param>
    public static GrayImage Cut(Frame frame, Vector2 centre, Vector2 across, Vector2 down, float side)
    {
        const int Size = PalmLocalizer.RoiSize;

        // Average k x k blocks of the square's bounding box first, so that the rest samples a small gray
        // copy with at most 2 x 2 bilinear samples per ROI pixel instead of up to 8 x 8 in the frame.
        var step = side / Size;
        var factor = Math.Max(1, (int)step);
        var corners = Corners(centre, across, down, side);
        var left = Math.Clamp((int)MathF.Floor(corners.Min(c => c.X)) - factor, 0, frame.Width - 1);
        var top = Math.Clamp((int)MathF.Floor(corners.Min(c => c.Y)) - factor, 0, frame.Height - 1);
        var right = Math.Clamp((int)MathF.Ceiling(corners.Max(c => c.X)) + factor + 1, left + factor, frame.Width);
        var bottom = Math.Clamp((int)MathF.Ceiling(corners.Max(c => c.Y)) + factor + 1, top + factor, frame.Height);
        var work = frame.Downscale(left, top, (right - left) / factor, (bottom - top) / factor, factor, markNonSkin: false);

        // Frame coordinates to working-image coordinates (pixel centres at integers in both).
        var offset = new Vector2(left + ((factor - 1) / 2f), top + ((factor - 1) / 2f));
        var origin = (centre - offset) / factor;
        var workStep = step / factor;
        var samples = Math.Clamp((int)MathF.Ceiling(workStep), 1, 2);
        var u0 = across * (workStep / samples);
        var v0 = down * (workStep / samples);
        var pixels = new byte[Size * Size];
        var weight = 1f / (samples * samples);
        var first = origin - ((across + down) * (Size / 2f) * workStep) + ((u0 + v0) * 0.5f);
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                var corner = first + (((column * across) + (row * down)) * workStep);
                var sum = 0f;
                for (var sy = 0; sy < samples; sy++)
                {
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var point = corner + (sx * u0) + (sy * v0);
                        sum += Bilinear(work.Gray, work.Width, work.Height, point.X, point.Y);
                    }
                }

                pixels[(row * Size) + column] = (byte)Math.Clamp(MathF.Round(sum * weight), 0, 255);
            }
        }

        return new GrayImage(Size, Size, pixels);
    }

    /// <summary>The value at a real-valued position, bilinear, with coordinates clamped to the image.</summary>
    private static float Bilinear(byte[] image, int width, int height, float x, float y)
    {
        x = Math.Clamp(x, 0, width - 1);
        y = Math.Clamp(y, 0, height - 1);
        var x0 = Math.Min((int)x, Math.Max(0, width - 2));
        var y0 = Math.Min((int)y, Math.Max(0, height - 2));
        var x1 = Math.Min(x0 + 1, width - 1);
        var y1 = Math.Min(y0 + 1, height - 1);
        var fx = x - x0;
        var fy = y - y0;
        float a = image[(y0 * width) + x0], b = image[(y0 * width) + x1];
        float c = image[(y1 * width) + x0], d = image[(y1 * width) + x1];
        var upper = a + (fx * (b - a));
        var lower = c + (fx * (d - c));
        return upper + (fy * (lower - upper));
    }

    /// <summary>The square's corners: top-left, top-right, bottom-right, bottom-left.</summary>
    public static Vector2[] Corners(Vector2 centre, Vector2 across, Vector2 down, float side)
    {
        var u = across * (side / 2);
        var v = down * (side / 2);
        return [centre - u - v, centre + u - v, centre + u + v, centre - u + v];
    }
}
