namespace PalmKey.Localization;

/// <summary>
/// A camera or scanner frame to localize a hand in, gray or color, read but never written. It makes the
/// reduced working images the localizer segments and cuts the ROI from.
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
    /// (saturated blue, green, yellow or purple), so that colored pegs and clothes are not taken for the hand,
    /// unless <paramref name="markNonSkin"/> is false.
    /// </summary>
    public WorkImage Downscale(int left, int top, int width, int height, int factor, bool markNonSkin = true)
    {
        var gray = new byte[width * height];
        var nonSkin = IsColor && markNonSkin ? new bool[width * height] : null;
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
                    if (nonSkin is not null)
                    {
                        nonSkin[(y * width) + x] = IsClearlyNotSkin(r, g, b);
                    }
                }
            }
        }

        return new WorkImage(width, height, gray, nonSkin, left, top, factor);
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
