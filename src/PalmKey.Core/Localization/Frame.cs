namespace PalmKey.Localization;

/// <summary>
/// A camera or scanner frame to localize a hand in, gray or color, read but never written. It makes the
/// reduced working images the localizer segments, and samples the full-resolution luma the ROI is cut from.
/// </summary>
internal sealed class Frame
{
    private readonly byte[] _pixels;
    private readonly int _channels;

    public Frame(GrayImage image)
    {
        _pixels = image.Pixels;
        _channels = 1;
        Width = image.Width;
        Height = image.Height;
    }

    public Frame(RgbImage image)
    {
        _pixels = image.Pixels;
        _channels = 3;
        Width = image.Width;
        Height = image.Height;
    }

    public int Width { get; }

    public int Height { get; }

    public bool IsColor => _channels == 3;

    /// <summary>
    /// Averages <paramref name="factor"/> x <paramref name="factor"/> blocks of the frame, starting at
    /// (<paramref name="left"/>, <paramref name="top"/>), into a <paramref name="width"/> x <paramref name="height"/>
    /// gray working image. For a color frame it also marks the blocks whose mean color is clearly not skin
    /// (saturated blue, green, yellow or purple), so that colored pegs and clothes are not taken for the hand.
    /// </summary>
    public WorkImage Downscale(int left, int top, int width, int height, int factor)
    {
        var gray = new byte[width * height];
        var nonSkin = IsColor ? new bool[width * height] : null;
        var sums = new int[width * _channels];
        var area = factor * factor;
        for (var y = 0; y < height; y++)
        {
            Array.Clear(sums);
            for (var dy = 0; dy < factor; dy++)
            {
                var row = _pixels.AsSpan((((top + (y * factor) + dy) * Width) + left) * _channels, width * factor * _channels);
                if (_channels == 1)
                {
                    for (var x = 0; x < width; x++)
                    {
                        var block = row.Slice(x * factor, factor);
                        var sum = 0;
                        foreach (var value in block)
                        {
                            sum += value;
                        }

                        sums[x] += sum;
                    }
                }
                else
                {
                    for (var x = 0; x < width; x++)
                    {
                        var block = row.Slice(x * factor * 3, factor * 3);
                        int r = 0, g = 0, b = 0;
                        for (var i = 0; i < block.Length; i += 3)
                        {
                            r += block[i];
                            g += block[i + 1];
                            b += block[i + 2];
                        }

                        sums[x * 3] += r;
                        sums[(x * 3) + 1] += g;
                        sums[(x * 3) + 2] += b;
                    }
                }
            }

            var target = gray.AsSpan(y * width, width);
            if (_channels == 1)
            {
                for (var x = 0; x < width; x++)
                {
                    target[x] = (byte)((sums[x] + (area / 2)) / area);
                }
            }
            else
            {
                for (var x = 0; x < width; x++)
                {
                    var r = (sums[x * 3] + (area / 2)) / area;
                    var g = (sums[(x * 3) + 1] + (area / 2)) / area;
                    var b = (sums[(x * 3) + 2] + (area / 2)) / area;
                    target[x] = (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);
                    nonSkin![(y * width) + x] = IsClearlyNotSkin(r, g, b);
                }
            }
        }

        return new WorkImage(width, height, gray, nonSkin, left, top, factor);
    }

    /// <summary>The luma at a real-valued position, bilinear, with coordinates clamped to the frame.</summary>
    public float Luma(float x, float y)
    {
        x = Math.Clamp(x, 0, Width - 1);
        y = Math.Clamp(y, 0, Height - 1);
        var x0 = Math.Min((int)x, Width - 2 < 0 ? 0 : Width - 2);
        var y0 = Math.Min((int)y, Height - 2 < 0 ? 0 : Height - 2);
        var x1 = Math.Min(x0 + 1, Width - 1);
        var y1 = Math.Min(y0 + 1, Height - 1);
        var fx = x - x0;
        var fy = y - y0;
        var top = At(x0, y0) + (fx * (At(x1, y0) - At(x0, y0)));
        var bottom = At(x0, y1) + (fx * (At(x1, y1) - At(x0, y1)));
        return top + (fy * (bottom - top));
    }

    private float At(int x, int y)
    {
        var i = ((y * Width) + x) * _channels;
        return _channels == 1
            ? _pixels[i]
            : ((0.299f * _pixels[i]) + (0.587f * _pixels[i + 1]) + (0.114f * _pixels[i + 2]));
    }

    /// <summary>
    /// Skin, under any lighting we expect, has red as its strongest channel and a hue between magenta-red
    /// and orange (about -30 to 45 degrees). A clearly saturated color outside that range is not skin.
    /// </summary>
    private static bool IsClearlyNotSkin(int r, int g, int b)
    {
        var max = Math.Max(r, Math.Max(g, b));
        var min = Math.Min(r, Math.Min(g, b));
        var chroma = max - min;
        if (chroma < 40)
        {
            return false;
        }

        if (max != r)
        {
            return true;
        }

        // Hue in degrees with red at 0: 60 * (g - b) / chroma.
        var hue = 60 * (g - b) / chroma;
        return hue > 45 || hue < -30;
    }
}
