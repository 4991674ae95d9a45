namespace PalmKey.Engine;

/// <summary>
/// Brings a palm ROI of any size to the <see cref="CodeLayout.RoiSize"/>-pixel square the filters expect.
/// A non-square ROI is cut to its central square first: stretching would bend the palm lines.
/// Downscaling averages the covered source area, so no detail aliases into the coded band;
/// upscaling is bilinear.
/// </summary>
internal static class RoiSampler
{
    public static float[] Normalize(GrayImage roi)
    {
        var side = Math.Min(roi.Width, roi.Height);
        var left = (roi.Width - side) / 2;
        var top = (roi.Height - side) / 2;
        const int Size = CodeLayout.RoiSize;
        if (side == Size)
        {
            var copy = new float[Size * Size];
            for (var y = 0; y < Size; y++)
            {
                var source = roi.Pixels.AsSpan(((top + y) * roi.Width) + left, Size);
                for (var x = 0; x < Size; x++)
                {
                    copy[(y * Size) + x] = source[x];
                }
            }

            return copy;
        }

        var columns = Taps(side, Size);
        var rows = Taps(side, Size);
        var pixels = roi.Pixels;

        // Horizontal pass over the rows of the central square, then a vertical pass.
        var horizontal = new float[side * Size];
        for (var y = 0; y < side; y++)
        {
            var sourceRow = ((top + y) * roi.Width) + left;
            for (var x = 0; x < Size; x++)
            {
                var sum = 0f;
                foreach (var (index, weight) in columns[x])
                {
                    sum += pixels[sourceRow + index] * weight;
                }

                horizontal[(y * Size) + x] = sum;
            }
        }

        var result = new float[Size * Size];
        for (var y = 0; y < Size; y++)
        {
            var target = result.AsSpan(y * Size, Size);
            foreach (var (index, weight) in rows[y])
            {
                var source = horizontal.AsSpan(index * Size, Size);
                for (var x = 0; x < Size; x++)
                {
                    target[x] += source[x] * weight;
                }
            }
        }

        return result;
    }

    /// <summary>Rotates a square image about its centre by <paramref name="degrees"/>, mirroring at the border.</summary>
    public static float[] Rotate(float[] image, int size, float degrees)
    {
        var result = new float[image.Length];
        var (sin, cos) = MathF.SinCos(degrees * MathF.PI / 180f);
        var centre = (size - 1) / 2f;

        // Source coordinates are offset by a whole number before truncation so that (int) floors them.
        const int Offset = 1 << 10;
        for (var y = 0; y < size; y++)
        {
            var v = y - centre;
            var sx = (-cos * centre) - (sin * v) + centre + Offset;
            var sy = (-sin * centre) + (cos * v) + centre + Offset;
            for (var x = 0; x < size; x++, sx += cos, sy += sin)
            {
                var ix = (int)sx;
                var iy = (int)sy;
                var fx = sx - ix;
                var fy = sy - iy;
                ix -= Offset;
                iy -= Offset;
                int x0 = ix, x1 = ix + 1, y0 = iy * size, y1 = (iy + 1) * size;
                if ((uint)ix >= (uint)(size - 1) || (uint)iy >= (uint)(size - 1))
                {
                    x0 = Mirror(ix, size);
                    x1 = Mirror(ix + 1, size);
                    y0 = Mirror(iy, size) * size;
                    y1 = Mirror(iy + 1, size) * size;
                }

                var top = image[y0 + x0] + (fx * (image[y0 + x1] - image[y0 + x0]));
                var bottom = image[y1 + x0] + (fx * (image[y1 + x1] - image[y1 + x0]));
                result[(y * size) + x] = top + (fy * (bottom - top));
            }
        }

        return result;
    }

    /// <summary>Reflects an index into 0..n-1 the way the filters' border padding does (…2 1 0 | 0 1 2…).</summary>
    public static int Mirror(int index, int n)
    {
        while (index < 0 || index >= n)
        {
            index = index < 0 ? -index - 1 : (2 * n) - index - 1;
        }

        return index;
    }

    /// <summary>For each output sample, the source samples it reads and their weights (summing to 1).</summary>
    private static (int Index, float Weight)[][] Taps(int sourceLength, int targetLength)
    {
        var taps = new (int, float)[targetLength][];
        var scale = (double)sourceLength / targetLength;
        for (var i = 0; i < targetLength; i++)
        {
            if (scale > 1)
            {
                // Area average: the output sample covers [start, end) of the source.
                var start = i * scale;
                var end = start + scale;
                var list = new List<(int, float)>();
                for (var s = (int)start; s < Math.Min(sourceLength, (int)Math.Ceiling(end)); s++)
                {
                    var overlap = Math.Min(end, s + 1) - Math.Max(start, s);
                    if (overlap > 1e-9)
                    {
                        list.Add((s, (float)(overlap / scale)));
                    }
                }

                taps[i] = [.. list];
            }
            else
            {
                var position = ((i + 0.5) * scale) - 0.5;
                var floor = (int)Math.Floor(position);
                var fraction = (float)(position - floor);
                var s0 = Math.Clamp(floor, 0, sourceLength - 1);
                var s1 = Math.Clamp(floor + 1, 0, sourceLength - 1);
                taps[i] = [(s0, 1 - fraction), (s1, fraction)];
            }
        }

        return taps;
    }
}
