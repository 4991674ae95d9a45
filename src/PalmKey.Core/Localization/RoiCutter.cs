using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// Cuts a rotated (and, for a mirrored palm, mirrored) square from the full-resolution frame into an
/// upright <see cref="PalmLocalizer.RoiSize"/>-pixel image. Each output pixel averages a grid of
/// bilinear samples spaced one source pixel or less apart, so that downscaling does not alias.
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
        var step = side / Size;
        var samples = Math.Clamp((int)MathF.Ceiling(step), 1, 8);
        var pixels = new byte[Size * Size];
        var weight = 1f / (samples * samples);
        for (var row = 0; row < Size; row++)
        {
            for (var column = 0; column < Size; column++)
            {
                var sum = 0f;
                for (var sy = 0; sy < samples; sy++)
                {
                    var v = (row + ((sy + 0.5f) / samples) - (Size / 2f)) * step;
                    for (var sx = 0; sx < samples; sx++)
                    {
                        var u = (column + ((sx + 0.5f) / samples) - (Size / 2f)) * step;
                        var point = centre + (u * across) + (v * down);
                        sum += frame.Luma(point.X, point.Y);
                    }
                }

                pixels[(row * Size) + column] = (byte)Math.Clamp(MathF.Round(sum * weight), 0, 255);
            }
        }

        return new GrayImage(Size, Size, pixels);
    }

    /// <summary>The square's corners: top-left, top-right, bottom-right, bottom-left.</summary>
    public static Vector2[] Corners(Vector2 centre, Vector2 across, Vector2 down, float side)
    {
        var u = across * (side / 2);
        var v = down * (side / 2);
        return [centre - u - v, centre + u - v, centre + u + v, centre - u + v];
    }
}
