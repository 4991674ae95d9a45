namespace PalmKey.Localization;

/// <summary>The convex hull of a closed contour and the contour's convexity defects.</summary>
internal static class ConvexHull
{
    /// <summary>Indices of the contour points on the hull (Andrew's monotone chain), in contour order.</summary>
    public static int[] Indices(List<(int X, int Y)> contour)
    {
        var order = Enumerable.Range(0, contour.Count)
            .OrderBy(i => contour[i].X)
            .ThenBy(i => contour[i].Y)
            .ToArray();
        if (order.Length < 3)
        {
            return order.Order().ToArray();
        }

        var hull = new int[2 * order.Length];
        var k = 0;
        foreach (var i in order)
        {
            while (k >= 2 && Cross(contour[hull[k - 2]], contour[hull[k - 1]], contour[i]) <= 0)
            {
                k--;
            }

            hull[k++] = i;
        }

        var lower = k + 1;
        for (var j = order.Length - 2; j >= 0; j--)
        {
            var i = order[j];
            while (k >= lower && Cross(contour[hull[k - 2]], contour[hull[k - 1]], contour[i]) <= 0)
            {
                k--;
            }

            hull[k++] = i;
        }

        return hull.AsSpan(0, k - 1).ToArray().Distinct().Order().ToArray();
    }

    /// <summary>The defect between each pair of consecutive hull vertices, in contour order, deepest points included only where deeper than <paramref name="minimumDepth"/>.</summary>
    public static List<ConvexityDefect> Defects(List<(int X, int Y)> contour, int[] hull, float minimumDepth)
    {
        var defects = new List<ConvexityDefect>();
        var n = contour.Count;
        if (hull.Length < 2)
        {
            return defects;
        }

        for (var h = 0; h < hull.Length; h++)
        {
            var start = hull[h];
            var end = hull[(h + 1) % hull.Length];
            var span = (end - start + n) % n;
            if (span < 2)
            {
                continue;
            }

            var a = contour[start];
            var b = contour[end];
            double ex = b.X - a.X, ey = b.Y - a.Y;
            var length = Math.Sqrt((ex * ex) + (ey * ey));
            if (length < 1e-9)
            {
                continue;
            }

            float bestDepth = 0;
            var best = -1;
            for (var s = 1; s < span; s++)
            {
                var i = (start + s) % n;
                var p = contour[i];

                // Distance inside the hull edge; the contour runs clockwise, so the inside is to the right.
                var depth = (float)((((p.X - a.X) * ey) - ((p.Y - a.Y) * ex)) / -length);
                if (depth > bestDepth)
                {
                    bestDepth = depth;
                    best = i;
                }
            }

            if (best >= 0 && bestDepth > minimumDepth)
            {
                defects.Add(new ConvexityDefect(start, end, best, bestDepth));
            }
        }

        return defects;
    }

    private static long Cross((int X, int Y) o, (int X, int Y) a, (int X, int Y) b) =>
        ((long)(a.X - o.X) * (b.Y - o.Y)) - ((long)(a.Y - o.Y) * (b.X - o.X));
}
