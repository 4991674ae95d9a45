namespace PalmKey.Localization;

/// <summary>
/// The exact Euclidean distance from each foreground pixel to the nearest background pixel, the image
/// border counting as background (Felzenszwalb and Huttenlocher's separable algorithm, linear time).
/// </summary>
internal static class DistanceTransform
{
    /// <summary>Distances in pixels; 0 on the background.</summary>
    /// <param name="mask">The foreground.</param>
    /// <param name="width">Width of the mask.</param>
    /// <param name="height">Height of the mask.</param>
    /// <param name="borderIsBackground">Whether the pixels just outside the image count as background.</param>
    public static float[] Compute(bool[] mask, int width, int height, bool borderIsBackground = true)
    {
        // Larger than any squared distance in the image, yet small enough that float sums of it stay exact.
        var infinity = (float)(width + height + 2) * (width + height + 2);
        var outside = borderIsBackground ? 0 : infinity;

        // Squared distances, column pass then row pass; each 1-D pass sees background one step past both ends.
        var squared = new float[mask.Length];
        var length = Math.Max(width, height) + 2;
        var line = new float[length];
        var result = new float[length];
        var hullSites = new int[length];
        var bounds = new float[length + 1];
        for (var x = 0; x < width; x++)
        {
            line[0] = outside;
            for (var y = 0; y < height; y++)
            {
                line[y + 1] = mask[(y * width) + x] ? infinity : 0;
            }

            line[height + 1] = outside;
            Transform1D(line, height + 2, result, hullSites, bounds);
            for (var y = 0; y < height; y++)
            {
                squared[(y * width) + x] = result[y + 1];
            }
        }

        var distances = new float[mask.Length];
        for (var y = 0; y < height; y++)
        {
            line[0] = outside;
            for (var x = 0; x < width; x++)
            {
                line[x + 1] = squared[(y * width) + x];
            }

            line[width + 1] = outside;
            Transform1D(line, width + 2, result, hullSites, bounds);
            for (var x = 0; x < width; x++)
            {
                distances[(y * width) + x] = MathF.Sqrt(result[x + 1]);
            }
        }

        return distances;
    }

    /// <summary>The lower envelope of parabolas rooted at (q, f(q)).</summary>
    private static void Transform1D(float[] f, int n, float[] d, int[] v, float[] z)
    {
        var k = 0;
        v[0] = 0;
        z[0] = float.NegativeInfinity;
        z[1] = float.PositiveInfinity;
        for (var q = 1; q < n; q++)
        {
            float s;
            while (true)
            {
                var p = v[k];
                s = ((f[q] + (q * q)) - (f[p] + (p * p))) / (2f * (q - p));
                if (s <= z[k] && k > 0)
                {
                    k--;
                    continue;
                }

                break;
            }

            k++;
            v[k] = q;
            z[k] = s;
            z[k + 1] = float.PositiveInfinity;
        }

        k = 0;
        for (var q = 0; q < n; q++)
        {
            while (z[k + 1] < q)
            {
                k++;
            }

            var offset = q - v[k];
            d[q] = (offset * offset) + f[v[k]];
        }
    }
}
