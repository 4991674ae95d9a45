namespace PalmKey.Localization;

/// <summary>Otsu's threshold of an 8-bit histogram, with the class statistics the localizer judges contrast by.</summary>
internal readonly record struct Otsu(int Threshold, double Separability, double DarkMean, double BrightMean, double StandardDeviation, double DarkSpread, double BrightSpread)
{
    /// <summary>
    /// Splits the pixels into values at most <see cref="Threshold"/> and values above it, maximizing the
    /// between-class variance. <see cref="Separability"/> is that variance over the total variance
    /// (0 for a uniform image, near 1 for two clean levels).
    /// </summary>
    public static Otsu Of(ReadOnlySpan<byte> pixels)
    {
        Span<int> histogram = stackalloc int[256];
        foreach (var value in pixels)
        {
            histogram[value]++;
        }

        return Of(histogram);
    }

    public static Otsu Of(ReadOnlySpan<int> histogram)
    {
        double total = 0, sum = 0, sumSquares = 0;
        for (var i = 0; i < 256; i++)
        {
            total += histogram[i];
            sum += (double)i * histogram[i];
            sumSquares += (double)i * i * histogram[i];
        }

        if (total == 0)
        {
            return new Otsu(0, 0, 0, 0, 0, 0, 0);
        }

        var mean = sum / total;
        var variance = Math.Max(0, (sumSquares / total) - (mean * mean));
        double below = 0, belowSum = 0, best = -1;
        var threshold = 0;
        for (var t = 0; t < 255; t++)
        {
            below += histogram[t];
            belowSum += (double)t * histogram[t];
            var above = total - below;
            if (below == 0 || above == 0)
            {
                continue;
            }

            var difference = (belowSum / below) - ((sum - belowSum) / above);
            var between = below * above * difference * difference / (total * total);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }

        if (best < 0)
        {
            // One gray level only.
            return new Otsu((int)mean, 0, mean, mean, 0, 0, 0);
        }

        double darkCount = 0, darkSum = 0;
        for (var i = 0; i <= threshold; i++)
        {
            darkCount += histogram[i];
            darkSum += (double)i * histogram[i];
        }

        var darkMean = darkSum / darkCount;
        var brightCount = total - darkCount;
        var brightMean = (sum - darkSum) / brightCount;
        return new Otsu(
            threshold,
            variance > 0 ? best / variance : 0,
            darkMean,
            brightMean,
            Math.Sqrt(variance),
            Spread(histogram, 0, threshold),
            Spread(histogram, threshold + 1, 255));
    }

    /// <summary>
    /// A robust standard deviation of the values in [<paramref name="low"/>, <paramref name="high"/>]:
    /// 1.48 times their median absolute deviation from their median, which the tail of a class (dim
    /// parts of the hand among the background) does not inflate.
    /// </summary>
    private static double Spread(ReadOnlySpan<int> histogram, int low, int high)
    {
        long count = 0;
        for (var i = low; i <= high; i++)
        {
            count += histogram[i];
        }

        if (count == 0)
        {
            return 0;
        }

        var median = Quantile(histogram, low, high, count / 2);
        Span<int> deviations = stackalloc int[256];
        for (var i = low; i <= high; i++)
        {
            deviations[Math.Abs(i - median)] += histogram[i];
        }

        return 1.48 * Quantile(deviations, 0, 255, count / 2);
    }

    private static int Quantile(ReadOnlySpan<int> histogram, int low, int high, long rank)
    {
        long seen = 0;
        for (var i = low; i <= high; i++)
        {
            seen += histogram[i];
            if (seen > rank)
            {
                return i;
            }
        }

        return high;
    }
}
