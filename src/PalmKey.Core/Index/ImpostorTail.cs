namespace PalmKey.Index;

/// <summary>
/// The false-match rate of one comparison (a probe image, with its rotations, against one enrolled
/// capture) as a function of the score, fitted to the impostor scores measured on real palms, and the
/// thresholds for a false-positive identification rate (FPIR) that follow from it. docs/accuracy.md
/// ("1:N identification") describes the data, the fit and its check.
/// </summary>
/// <remarks>
/// <para>
/// The model is Daugman's for iris codes: at one alignment the fraction of differing bits of two
/// unrelated codes is binomial with <see cref="DegreesOfFreedom"/> independent bits of probability
/// <see cref="BitProbability"/>; the matcher keeps the best of many alignments (49 shifts of the
/// probe's own code, then 9 around the best for each of its 11 rotated and moved codes), which behave
/// like <see cref="Alignments"/> independent ones. Then
/// FMR(t) = 1 - (1 - B(t))^k, where B(t) is the chance that one alignment scores above t.
/// </para>
/// <para>
/// A search compares the probe with every enrolled capture; a palm's score is its best capture's, and
/// a probe of several frames its best frame's. Treating all T x F comparisons (T enrolled captures,
/// F frames) as independent gives FPIR = 1 - (1 - FMR(t))^(T x F). Captures of one palm, and frames
/// of one hover, are correlated, so the true FPIR is lower: the threshold errs on the safe side.
/// </para>
/// </remarks>
internal static class ImpostorTail
{
    // Fitted by least squares on log10 FMR to the 8,970,000 impostor comparisons of Tongji, session 1
    // enrolls and session 2 probes (every probe image with its 12 codes, 3 rotations at 4 grid offsets,
    // against every enrolled image of another palm), at the 6 thresholds where the measured FMR is
    // 1e-1, 1e-2, ..., 1e-6 (docs/accuracy.md, commit ea43294). Over that range the model is within
    // 16% of the measured FMR.

    /// <summary>Effective independent bits at one alignment (fitted).</summary>
    public const int DegreesOfFreedom = 538;

    /// <summary>Chance that one such bit differs between unrelated palms (fitted).</summary>
    public const double BitProbability = 0.508;

    /// <summary>Effective independent alignments per comparison (fitted).</summary>
    public const double Alignments = 78.0;

    /// <summary>The chance that one impostor comparison scores above <paramref name="score"/>.</summary>
    public static double Fmr(double score)
    {
        // Above t means a differing fraction below d = (1 - t / 100) / 2: fewer than x = d n of n bits.
        // ln P(X <= m) is interpolated linearly between whole m, so that thresholds move smoothly.
        var x = (1 - (Math.Clamp(score, 0, PalmMatcher.MaxScore) / PalmMatcher.MaxScore)) / 2 * DegreesOfFreedom;
        if (x <= 1)
        {
            return 0;
        }

        var m = (int)Math.Floor(x - 1);
        var fraction = x - 1 - m;
        var logB = LogBinomialLowerTail(DegreesOfFreedom, BitProbability, m);
        if (fraction > 0 && m < DegreesOfFreedom)
        {
            logB += fraction * (LogBinomialLowerTail(DegreesOfFreedom, BitProbability, m + 1) - logB);
        }

        // 1 - (1 - B)^k, accurate also when B is tiny.
        return -double.ExpM1(Alignments * double.LogP1(-Math.Exp(logB)));
    }

    /// <summary>The score above which one impostor comparison falls with probability <paramref name="fmr"/>.</summary>
    public static double ScoreAtFmr(double fmr)
    {
        double low = 0, high = PalmMatcher.MaxScore;
        for (var i = 0; i < 60; i++)
        {
            var middle = (low + high) / 2;
            if (Fmr(middle) > fmr)
            {
                low = middle;
            }
            else
            {
                high = middle;
            }
        }

        return high;
    }

    /// <summary>The per-comparison FMR that gives <paramref name="fpir"/> over <paramref name="comparisons"/> independent comparisons.</summary>
    public static double FmrForFpir(double fpir, double comparisons) => -double.ExpM1(double.LogP1(-fpir) / comparisons);

    /// <summary>ln P(X &lt;= m) for X binomial(n, p), summed in log space from the largest term down.</summary>
    private static double LogBinomialLowerTail(int n, double p, int m)
    {
        m = Math.Min(m, n);
        var logP = Math.Log(p);
        var logQ = double.LogP1(-p);

        // Term j = ln C(n, j) + j ln p + (n - j) ln q, built up from j = 0.
        var terms = new double[m + 1];
        var logChoose = 0.0;
        for (var j = 0; j <= m; j++)
        {
            if (j > 0)
            {
                logChoose += Math.Log(n - j + 1) - Math.Log(j);
            }

            terms[j] = logChoose + (j * logP) + ((n - j) * logQ);
        }

        var max = terms.Max();
        var sum = 0.0;
        foreach (var term in terms)
        {
            sum += Math.Exp(term - max);
        }

        return max + Math.Log(sum);
    }
}
