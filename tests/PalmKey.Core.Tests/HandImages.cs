namespace PalmKey.Tests;

/// <summary>
/// Whole-hand frames for the localizer tests: real frames read from the datasets (never copied into the
/// repository), and copies of them turned, mirrored, rescaled, cropped, blurred or re-exposed, written
/// independently of the localizer.
/// </summary>
internal static class HandImages
{
    /// <summary>The matcher's score above which about 1 in 10,000 impostors pass (README).</summary>
    public const double MatchThreshold = 17.5;

    /// <summary>
    /// The first <paramref name="perPalm"/> frames, in file-name order, of each of the first
    /// <paramref name="palms"/> palms of a whole-hand set; skips the calling test where it is absent.
    /// </summary>
    public static (string Palm, RgbImage Frame)[] Frames(string dataset, int palms, int perPalm)
    {
        var folder = TestData.RequireDataset(dataset);
        return
        [
            .. Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Take(palms)
                .SelectMany(palm => Directory.GetFiles(palm).Order(StringComparer.Ordinal).Take(perPalm)
                    .Select(file => (Path.GetFileName(palm), ImageCodec.ReadRgb(file)))),
        ];
    }

    /// <summary>The frame mirrored left to right.</summary>
    public static RgbImage Mirror(RgbImage frame) => Map(frame, frame.Width, frame.Height, (x, y) => (frame.Width - 1 - x, y));

    /// <summary>
    /// The frame turned clockwise (on screen) by <paramref name="degrees"/> about its centre, onto a canvas
    /// that holds all of it; the new corners take the median color of the frame's border (the background).
    /// </summary>
    public static RgbImage Rotate(RgbImage frame, double degrees)
    {
        var (sin, cos) = Math.SinCos(degrees * Math.PI / 180);
        var width = (int)Math.Ceiling((Math.Abs(frame.Width * cos) + Math.Abs(frame.Height * sin)) - 1e-6);
        var height = (int)Math.Ceiling((Math.Abs(frame.Width * sin) + Math.Abs(frame.Height * cos)) - 1e-6);
        double cx = (frame.Width - 1) / 2.0, cy = (frame.Height - 1) / 2.0;
        double ox = (width - 1) / 2.0, oy = (height - 1) / 2.0;
        return Map(frame, width, height, (x, y) => (
            (cos * (x - ox)) + (sin * (y - oy)) + cx,
            (-sin * (x - ox)) + (cos * (y - oy)) + cy));
    }

    /// <summary>The frame resized by <paramref name="scale"/> (box-averaged when shrinking, bilinear when growing).</summary>
    public static RgbImage Rescale(RgbImage frame, double scale)
    {
        var width = Math.Max(1, (int)Math.Round(frame.Width * scale));
        var height = Math.Max(1, (int)Math.Round(frame.Height * scale));
        if (scale >= 1)
        {
            return Map(frame, width, height, (x, y) => (((x + 0.5) / scale) - 0.5, ((y + 0.5) / scale) - 0.5));
        }

        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                int x0 = (int)(x / scale), x1 = Math.Max(x0 + 1, (int)((x + 1) / scale));
                int y0 = (int)(y / scale), y1 = Math.Max(y0 + 1, (int)((y + 1) / scale));
                for (var c = 0; c < 3; c++)
                {
                    int sum = 0, count = 0;
                    for (var sy = y0; sy < Math.Min(y1, frame.Height); sy++)
                    {
                        for (var sx = x0; sx < Math.Min(x1, frame.Width); sx++)
                        {
                            sum += frame.Pixels[(((sy * frame.Width) + sx) * 3) + c];
                            count++;
                        }
                    }

                    pixels[(((y * width) + x) * 3) + c] = (byte)(sum / Math.Max(1, count));
                }
            }
        }

        return new RgbImage(width, height, pixels);
    }

    /// <summary>The frame placed in the middle of a larger canvas filled with the median color of its border.</summary>
    public static RgbImage Pad(RgbImage frame, int width, int height)
    {
        int left = (width - frame.Width) / 2, top = (height - frame.Height) / 2;
        return Map(frame, width, height, (x, y) => (x - left, y - top));
    }

    /// <summary>The part of the frame from column <paramref name="left"/> to <paramref name="right"/> (exclusive) and row <paramref name="top"/> to <paramref name="bottom"/>.</summary>
    public static RgbImage Crop(RgbImage frame, int left, int top, int right, int bottom) =>
        Map(frame, right - left, bottom - top, (x, y) => (x + left, y + top));

    /// <summary>Each sample multiplied by <paramref name="gain"/>, clipped to 255.</summary>
    public static RgbImage Expose(RgbImage frame, double gain) =>
        new(frame.Width, frame.Height, [.. frame.Pixels.Select(v => (byte)Math.Clamp(Math.Round(v * gain), 0, 255))]);

    /// <summary>Three passes of a (2 radius + 1)-wide box filter: close to a Gaussian of sigma about radius.</summary>
    public static RgbImage Blur(RgbImage frame, int radius)
    {
        var pixels = (byte[])frame.Pixels.Clone();
        int w = frame.Width, h = frame.Height, n = (2 * radius) + 1;
        for (var pass = 0; pass < 3; pass++)
        {
            var row = new byte[pixels.Length];
            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        var sum = 0;
                        for (var k = -radius; k <= radius; k++)
                        {
                            sum += pixels[(((y * w) + Math.Clamp(x + k, 0, w - 1)) * 3) + c];
                        }

                        row[(((y * w) + x) * 3) + c] = (byte)(sum / n);
                    }
                }
            }

            for (var y = 0; y < h; y++)
            {
                for (var x = 0; x < w; x++)
                {
                    for (var c = 0; c < 3; c++)
                    {
                        var sum = 0;
                        for (var k = -radius; k <= radius; k++)
                        {
                            sum += row[(((Math.Clamp(y + k, 0, h - 1) * w) + x) * 3) + c];
                        }

                        pixels[(((y * w) + x) * 3) + c] = (byte)(sum / n);
                    }
                }
            }
        }

        return new RgbImage(w, h, pixels);
    }

    /// <summary>The luma of a color frame, as a gray image.</summary>
    public static GrayImage Gray(RgbImage frame)
    {
        var gray = new byte[frame.Width * frame.Height];
        for (var i = 0; i < gray.Length; i++)
        {
            var p = frame.Pixels.AsSpan(i * 3, 3);
            gray[i] = (byte)(((299 * p[0]) + (587 * p[1]) + (114 * p[2]) + 500) / 1000);
        }

        return new GrayImage(frame.Width, frame.Height, gray);
    }

    /// <summary>Localizes a frame, gray where it has no color, as the palmkey command does.</summary>
    public static LocalizationResult Locate(RgbImage frame, PalmLocalizerOptions? options = null) =>
        IsNeutral(frame) ? PalmLocalizer.Locate(Gray(frame), options) : PalmLocalizer.Locate(frame, options);

    /// <summary>The score of a probe frame's ROI against a template; fails the test where the probe is not localized.</summary>
    public static double Score(LocalizationResult probe, PalmTemplate enrolled)
    {
        Assert.True(probe.IsOk, $"expected a ROI, got {probe.Verdict} ({probe.Score})");
        return new PalmMatcher(PalmExtractor.ExtractProbe(probe.Roi!)).Match(enrolled);
    }

    private static bool IsNeutral(RgbImage frame)
    {
        for (var i = 0; i < frame.Pixels.Length; i += 3)
        {
            if (frame.Pixels[i] != frame.Pixels[i + 1] || frame.Pixels[i] != frame.Pixels[i + 2])
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Samples the frame (bilinear) at the point each output pixel maps to; points outside take the border's median color.</summary>
    private static RgbImage Map(RgbImage frame, int width, int height, Func<double, double, (double X, double Y)> source)
    {
        var fill = BorderMedian(frame);
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var (sx, sy) = source(x, y);
                var target = ((y * width) + x) * 3;
                if (sx < -0.5 || sy < -0.5 || sx > frame.Width - 0.5 || sy > frame.Height - 0.5)
                {
                    fill.CopyTo(pixels, target);
                    continue;
                }

                sx = Math.Clamp(sx, 0, frame.Width - 1);
                sy = Math.Clamp(sy, 0, frame.Height - 1);
                var x0 = Math.Min((int)sx, Math.Max(frame.Width - 2, 0));
                var y0 = Math.Min((int)sy, Math.Max(frame.Height - 2, 0));
                int x1 = Math.Min(x0 + 1, frame.Width - 1), y1 = Math.Min(y0 + 1, frame.Height - 1);
                double fx = sx - x0, fy = sy - y0;
                for (var c = 0; c < 3; c++)
                {
                    double At(int px, int py) => frame.Pixels[(((py * frame.Width) + px) * 3) + c];
                    var upper = At(x0, y0) + (fx * (At(x1, y0) - At(x0, y0)));
                    var lower = At(x0, y1) + (fx * (At(x1, y1) - At(x0, y1)));
                    pixels[target + c] = (byte)Math.Clamp(Math.Round(upper + (fy * (lower - upper))), 0, 255);
                }
            }
        }

        return new RgbImage(width, height, pixels);
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
                values.Add(frame.Pixels[(((y * frame.Width) + frame.Width - 1) * 3) + c]);
            }

            values.Sort();
            fill[c] = values[values.Count / 2];
        }

        return fill;
    }
}
