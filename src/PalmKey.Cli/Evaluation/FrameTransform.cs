using System.Globalization;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// A change applied to probe frames before localization, to measure how localization copes with it:
/// a mirror image (left to right), then a rotation about the frame's centre onto a canvas large enough
/// to hold the whole rotated frame, the new corners filled with the median color of the frame's border
/// (the background, on a hand frame). Bilinear interpolation.
/// </summary>
internal sealed record FrameTransform(double RotateDegrees, bool Mirror)
{
    public bool IsIdentity => RotateDegrees % 360 == 0 && !Mirror;

    public string Describe()
    {
        var parts = new List<string>();
        if (Mirror)
        {
            parts.Add("mirrored");
        }

        if (RotateDegrees % 360 != 0)
        {
            parts.Add(string.Create(CultureInfo.InvariantCulture, $"rotated {RotateDegrees:0.#} degrees clockwise"));
        }

        return string.Join(" and ", parts);
    }

    public RgbImage Apply(RgbImage frame)
    {
        var source = Mirror ? MirrorImage(frame) : frame;
        return RotateDegrees % 360 == 0 ? source : Rotate(source, RotateDegrees);
    }

    private static RgbImage MirrorImage(RgbImage frame)
    {
        var pixels = new byte[frame.Pixels.Length];
        for (var y = 0; y < frame.Height; y++)
        {
            for (var x = 0; x < frame.Width; x++)
            {
                var from = ((y * frame.Width) + x) * 3;
                var to = ((y * frame.Width) + (frame.Width - 1 - x)) * 3;
                pixels[to] = frame.Pixels[from];
                pixels[to + 1] = frame.Pixels[from + 1];
                pixels[to + 2] = frame.Pixels[from + 2];
            }
        }

        return new RgbImage(frame.Width, frame.Height, pixels);
    }

    /// <summary>Rotates clockwise as seen on screen (y down) by <paramref name="degrees"/>.</summary>
    private static RgbImage Rotate(RgbImage frame, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        var width = (int)Math.Ceiling((Math.Abs(frame.Width * cos) + Math.Abs(frame.Height * sin)) - 1e-6);
        var height = (int)Math.Ceiling((Math.Abs(frame.Width * sin) + Math.Abs(frame.Height * cos)) - 1e-6);
        var fill = BorderMedian(frame);
        var pixels = new byte[width * height * 3];
        double cx = (frame.Width - 1) / 2.0, cy = (frame.Height - 1) / 2.0;
        double ox = (width - 1) / 2.0, oy = (height - 1) / 2.0;
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                // The source point that lands on (x, y): the inverse rotation.
                var dx = x - ox;
                var dy = y - oy;
                var sx = (cos * dx) + (sin * dy) + cx;
                var sy = (-sin * dx) + (cos * dy) + cy;
                var target = ((y * width) + x) * 3;
                for (var c = 0; c < 3; c++)
                {
                    pixels[target + c] = Sample(frame, sx, sy, c, fill[c]);
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }

    private static byte Sample(RgbImage frame, double x, double y, int channel, byte fill)
    {
        if (x < -0.5 || y < -0.5 || x > frame.Width - 0.5 || y > frame.Height - 0.5)
        {
            return fill;
        }

        x = Math.Clamp(x, 0, frame.Width - 1);
        y = Math.Clamp(y, 0, frame.Height - 1);
        var x0 = Math.Min((int)x, Math.Max(frame.Width - 2, 0));
        var y0 = Math.Min((int)y, Math.Max(frame.Height - 2, 0));
        var x1 = Math.Min(x0 + 1, frame.Width - 1);
        var y1 = Math.Min(y0 + 1, frame.Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        double At(int px, int py) => frame.Pixels[(((py * frame.Width) + px) * 3) + channel];
        var top = At(x0, y0) + (fx * (At(x1, y0) - At(x0, y0)));
        var bottom = At(x0, y1) + (fx * (At(x1, y1) - At(x0, y1)));
        return (byte)Math.Clamp(Math.Round(top + (fy * (bottom - top))), 0, 255);
    }

    private static byte[] BorderMedian(RgbImage frame)
    {
        var fill = new byte[3];
        for (var c = 0; c < 3; c++)
        {
            var values = new List<byte>();
            for (var x = 0; x < frame.Width; x++)
            {
                values.Add(frame.Pixels[(x * 3) + c]);
                values.Add(frame.Pixels[((((frame.Height - 1) * frame.Width) + x) * 3) + c]);
            }

            for (var y = 0; y < frame.Height; y++)
            {
                values.Add(frame.Pixels[(y * frame.Width * 3) + c]);
                values.Add(frame.Pixels[((((y * frame.Width) + frame.Width - 1) * 3) + c)]);
            }

            values.Sort();
            fill[c] = values[values.Count / 2];
        }

        return fill;
    }
}
