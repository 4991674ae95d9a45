namespace PalmKey.Localization;

/// <summary>Operations on gray and binary working images (row by row, stride = width).</summary>
internal static class BinaryImage
{
    /// <summary>A 3x3 box filter applied twice (close to a Gaussian of sigma 1.15 px), edges replicated.</summary>
    public static byte[] Smooth(byte[] source, int width, int height)
    {
        var once = Box3(source, width, height);
        return Box3(once, width, height);
    }

    private static byte[] Box3(byte[] source, int width, int height)
    {
        var horizontal = new ushort[source.Length];
        for (var y = 0; y < height; y++)
        {
            var row = y * width;
            for (var x = 0; x < width; x++)
            {
                var left = source[row + Math.Max(x - 1, 0)];
                var right = source[row + Math.Min(x + 1, width - 1)];
                horizontal[row + x] = (ushort)(left + source[row + x] + right);
            }
        }

        var result = new byte[source.Length];
        for (var y = 0; y < height; y++)
        {
            var up = Math.Max(y - 1, 0) * width;
            var row = y * width;
            var down = Math.Min(y + 1, height - 1) * width;
            for (var x = 0; x < width; x++)
            {
                result[row + x] = (byte)((horizontal[up + x] + horizontal[row + x] + horizontal[down + x] + 4) / 9);
            }
        }

        return result;
    }

    /// <summary>
    /// Keeps the largest 8-connected component of <paramref name="mask"/> (in place), together with the
    /// sizeable, elongated components (at least <paramref name="minimumShare"/> of its area) whose nearest
    /// pixel lies within <paramref name="reach"/> pixels of it. Each such component is joined to the main
    /// one by a bar as wide as the component, from its nearest pixel to the main component's nearest
    /// pixel: this brings back a finger lifted off a scanner, which shows as a dim stub cut from the palm
    /// by a dark band at its root, without touching the gaps beside it. Returns the region's pixel count;
    /// 0 when the mask is empty.
    /// </summary>
    public static int KeepHand(bool[] mask, int width, int height, float reach, double minimumShare)
    {
        var labels = new int[mask.Length];
        var stack = new int[mask.Length];
        var sizes = new List<int> { 0 };
        for (var start = 0; start < mask.Length; start++)
        {
            if (mask[start] && labels[start] == 0)
            {
                sizes.Add(Flood(mask, labels, width, height, start, sizes.Count, stack, eightConnected: true, value: true));
            }
        }

        if (sizes.Count == 1)
        {
            return 0;
        }

        var main = 1;
        for (var label = 2; label < sizes.Count; label++)
        {
            if (sizes[label] > sizes[main])
            {
                main = label;
            }
        }

        var area = sizes[main];
        var candidates = Enumerable.Range(1, sizes.Count - 1).Where(label => label != main && sizes[label] >= minimumShare * sizes[main]).ToList();
        if (reach < 1 || candidates.Count == 0)
        {
            for (var i = 0; i < mask.Length; i++)
            {
                mask[i] = labels[i] == main;
            }

            return area;
        }

        // Distances to the main component, and each candidate's half-width and nearest pixel to it.
        var notMain = new bool[mask.Length];
        for (var i = 0; i < mask.Length; i++)
        {
            notMain[i] = labels[i] != main;
        }

        var toMain = DistanceTransform.Compute(notMain, width, height, borderIsBackground: false);
        var inside = DistanceTransform.Compute(mask, width, height);
        var halfWidth = new float[sizes.Count];
        var nearest = new int[sizes.Count];
        var nearestDistance = new float[sizes.Count];
        Array.Fill(nearestDistance, float.MaxValue);
        for (var i = 0; i < mask.Length; i++)
        {
            var label = labels[i];
            if (label == 0 || label == main)
            {
                continue;
            }

            halfWidth[label] = Math.Max(halfWidth[label], inside[i]);
            if (toMain[i] < nearestDistance[label])
            {
                nearestDistance[label] = toMain[i];
                nearest[label] = i;
            }
        }

        var attached = new bool[sizes.Count];
        attached[main] = true;
        var bars = new List<(float X0, float Y0, float X1, float Y1, float Radius)>();
        foreach (var label in candidates)
        {
            // A finger is several times longer than it is wide; a round blob is not one.
            var elongation = sizes[label] / (4f * halfWidth[label] * halfWidth[label]);
            if (nearestDistance[label] > reach || elongation < 1.5f)
            {
                continue;
            }

            attached[label] = true;
            var from = nearest[label];
            var (fx, fy) = (from % width, from / width);
            var target = NearestOf(labels, main, width, height, fx, fy, (int)MathF.Ceiling(nearestDistance[label]) + 1);
            bars.Add((fx, fy, target % width, target / width, Math.Max(1, halfWidth[label])));
        }

        area = 0;
        for (var i = 0; i < mask.Length; i++)
        {
            mask[i] = attached[labels[i]] && labels[i] != 0;
        }

        foreach (var bar in bars)
        {
            FillBar(mask, width, height, bar);
        }

        foreach (var value in mask)
        {
            if (value)
            {
                area++;
            }
        }

        return area;
    }

    private static int NearestOf(int[] labels, int label, int width, int height, int x, int y, int radius)
    {
        var best = -1;
        var bestDistance = int.MaxValue;
        for (var dy = -radius; dy <= radius; dy++)
        {
            for (var dx = -radius; dx <= radius; dx++)
            {
                int nx = x + dx, ny = y + dy;
                var distance = (dx * dx) + (dy * dy);
                if ((uint)nx < (uint)width && (uint)ny < (uint)height && distance < bestDistance && labels[(ny * width) + nx] == label)
                {
                    bestDistance = distance;
                    best = (ny * width) + nx;
                }
            }
        }

        return best < 0 ? (y * width) + x : best;
    }

    /// <summary>Sets the pixels within the bar's radius of its segment.</summary>
    private static void FillBar(bool[] mask, int width, int height, (float X0, float Y0, float X1, float Y1, float Radius) bar)
    {
        var left = Math.Max(0, (int)(Math.Min(bar.X0, bar.X1) - bar.Radius));
        var right = Math.Min(width - 1, (int)(Math.Max(bar.X0, bar.X1) + bar.Radius + 1));
        var top = Math.Max(0, (int)(Math.Min(bar.Y0, bar.Y1) - bar.Radius));
        var bottom = Math.Min(height - 1, (int)(Math.Max(bar.Y0, bar.Y1) + bar.Radius + 1));
        float dx = bar.X1 - bar.X0, dy = bar.Y1 - bar.Y0;
        var lengthSquared = Math.Max(1e-6f, (dx * dx) + (dy * dy));
        for (var y = top; y <= bottom; y++)
        {
            for (var x = left; x <= right; x++)
            {
                var t = Math.Clamp((((x - bar.X0) * dx) + ((y - bar.Y0) * dy)) / lengthSquared, 0, 1);
                float ex = x - (bar.X0 + (t * dx)), ey = y - (bar.Y0 + (t * dy));
                if ((ex * ex) + (ey * ey) <= bar.Radius * bar.Radius)
                {
                    mask[(y * width) + x] = true;
                }
            }
        }
    }

    /// <summary>Fills every background region (4-connected) that does not touch the image border.</summary>
    public static void FillHoles(bool[] mask, int width, int height)
    {
        var labels = new int[mask.Length];
        var stack = new int[mask.Length];
        for (var x = 0; x < width; x++)
        {
            Seed(x);
            Seed(((height - 1) * width) + x);
        }

        for (var y = 0; y < height; y++)
        {
            Seed(y * width);
            Seed((y * width) + width - 1);
        }

        for (var i = 0; i < mask.Length; i++)
        {
            if (!mask[i] && labels[i] == 0)
            {
                mask[i] = true;
            }
        }

        void Seed(int index)
        {
            if (!mask[index] && labels[index] == 0)
            {
                Flood(mask, labels, width, height, index, 1, stack, eightConnected: false, value: false);
            }
        }
    }

    /// <summary>
    /// Labels the region of pixels equal to <paramref name="value"/> that holds <paramref name="start"/>
    /// and returns its size. <paramref name="stack"/> must hold as many entries as the image has pixels:
    /// each pixel enters it at most once, as it is labelled on entry.
    /// </summary>
    private static int Flood(bool[] mask, int[] labels, int width, int height, int start, int label, int[] stack, bool eightConnected, bool value)
    {
        var size = 0;
        var top = 0;
        labels[start] = label;
        stack[top++] = start;
        while (top > 0)
        {
            var index = stack[--top];
            size++;
            var y = index / width;
            var x = index - (y * width);
            var left = x > 0;
            var right = x < width - 1;
            var up = y > 0;
            var down = y < height - 1;
            if (left)
            {
                Visit(index - 1);
            }

            if (right)
            {
                Visit(index + 1);
            }

            if (up)
            {
                Visit(index - width);
                if (eightConnected && left)
                {
                    Visit(index - width - 1);
                }

                if (eightConnected && right)
                {
                    Visit(index - width + 1);
                }
            }

            if (down)
            {
                Visit(index + width);
                if (eightConnected && left)
                {
                    Visit(index + width - 1);
                }

                if (eightConnected && right)
                {
                    Visit(index + width + 1);
                }
            }
        }

        return size;

        void Visit(int neighbour)
        {
            if (mask[neighbour] == value && labels[neighbour] == 0)
            {
                labels[neighbour] = label;
                stack[top++] = neighbour;
            }
        }
    }
}
