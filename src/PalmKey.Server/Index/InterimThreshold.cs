namespace PalmKey.Server.Index;

/// <summary>
/// The interim mapping from a tenant's target FPIR to a score threshold, used until the calibrated 1:N
/// index lands. A search compares the probe with every template in the gallery, so the per-comparison
/// false-match rate must be about FPIR / templates. The score for that rate is read off the measured
/// image-level table of docs/accuracy.md (Tongji, session 1 enrolls, session 2 probes), interpolated
/// linearly in log10(FMR), and extrapolated beyond 1e-6 with the slope of the last decade. The result
/// is never below 17.5 (FMR 1e-4 per comparison) nor above 30.
/// </summary>
internal static class InterimThreshold
{
    public const double Minimum = 17.5;
    public const double Maximum = 30;

    private static readonly (double Log10Fmr, double Score)[] Table =
    [
        (-1, 10.36),
        (-2, 13.25),
        (-3, 15.48),
        (-4, 17.46),
        (-5, 19.34),
        (-6, 21.26),
    ];

    public static double For(double targetFpir, int galleryTemplates)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(targetFpir);
        var log = Math.Log10(targetFpir / Math.Max(1, galleryTemplates));
        double score;
        if (log >= Table[0].Log10Fmr)
        {
            score = Table[0].Score;
        }
        else if (log <= Table[^1].Log10Fmr)
        {
            var slope = Table[^1].Score - Table[^2].Score;
            score = Table[^1].Score + ((Table[^1].Log10Fmr - log) * slope);
        }
        else
        {
            var i = 0;
            while (Table[i + 1].Log10Fmr > log)
            {
                i++;
            }

            var (x0, y0) = Table[i];
            var (x1, y1) = Table[i + 1];
            score = y0 + ((log - x0) / (x1 - x0) * (y1 - y0));
        }

        return Math.Clamp(score, Minimum, Maximum);
    }
}
