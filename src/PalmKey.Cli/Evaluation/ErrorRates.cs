namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Verification error rates from every genuine and impostor score of an evaluation (higher scores
/// mean more alike; a comparison is accepted when its score is above the threshold). Nothing is
/// sampled: each figure counts every comparison.
/// </summary>
internal sealed class ErrorRates
{
    /// <summary>The false-match rates at which the false non-match rate is reported.</summary>
    public static readonly double[] ReportedFmrs = [1e-2, 1e-3, 1e-4, 1e-5];

    /// <summary>An operating point rests on fewer impostor scores than this is marked count-limited.</summary>
    public const int MinimumImpostorsAtPoint = 10;

    private readonly float[] _genuine;
    private readonly float[] _impostor;

    /// <param name="genuine">Scores of same-palm comparisons; sorted in place.</param>
    /// <param name="impostor">Scores of different-palm comparisons; sorted in place.</param>
    public ErrorRates(float[] genuine, float[] impostor)
    {
        _genuine = genuine;
        _impostor = impostor;
        Array.Sort(_genuine);
        Array.Sort(_impostor);
        Eer = ComputeEer();
    }

    public long GenuineCount => _genuine.Length;

    public long ImpostorCount => _impostor.Length;

    /// <summary>The equal error rate, where the FMR and FNMR lines cross (interpolated between thresholds).</summary>
    public double Eer { get; }

    /// <summary>
    /// The operating point with the lowest threshold whose FMR is at most <paramref name="fmr"/>.
    /// </summary>
    public OperatingPoint AtFmr(double fmr)
    {
        if (_impostor.Length == 0 || _genuine.Length == 0)
        {
            return new OperatingPoint(fmr, float.NaN, double.NaN, double.NaN, CountLimited: true);
        }

        // Accepting scores above the (k+1)-th highest impostor score accepts at most k impostors.
        var allowed = (long)Math.Floor(fmr * _impostor.Length);

        // The product can round just below a whole number (0.29 * 100 = 28.999...) although 29/100 is 0.29.
        if ((double)(allowed + 1) / _impostor.Length <= fmr)
        {
            allowed++;
        }

        var threshold = allowed < _impostor.Length ? _impostor[_impostor.Length - 1 - allowed] : float.NegativeInfinity;
        var acceptedImpostors = _impostor.Length - UpperBound(_impostor, threshold);
        var rejectedGenuine = UpperBound(_genuine, threshold);
        return new OperatingPoint(
            fmr,
            threshold,
            (double)acceptedImpostors / _impostor.Length,
            (double)rejectedGenuine / _genuine.Length,
            CountLimited: fmr * _impostor.Length < MinimumImpostorsAtPoint);
    }

    private double ComputeEer()
    {
        if (_impostor.Length == 0 || _genuine.Length == 0)
        {
            return double.NaN;
        }

        // Walk thresholds upward through every distinct score; accept means score >= t.
        double previousFmr = 1, previousFnmr = 0;
        int g = 0, i = 0;
        while (g < _genuine.Length || i < _impostor.Length)
        {
            var t = g < _genuine.Length && (i >= _impostor.Length || _genuine[g] <= _impostor[i]) ? _genuine[g] : _impostor[i];
            while (g < _genuine.Length && _genuine[g] < t)
            {
                g++;
            }

            while (i < _impostor.Length && _impostor[i] < t)
            {
                i++;
            }

            var fmr = (double)(_impostor.Length - i) / _impostor.Length;
            var fnmr = (double)g / _genuine.Length;
            if (fnmr >= fmr)
            {
                var before = previousFmr - previousFnmr;
                var after = fmr - fnmr;
                var w = before - after == 0 ? 0 : before / (before - after);
                return previousFmr + (w * (fmr - previousFmr));
            }

            previousFmr = fmr;
            previousFnmr = fnmr;

            // Step past every score equal to t.
            while (g < _genuine.Length && _genuine[g] == t)
            {
                g++;
            }

            while (i < _impostor.Length && _impostor[i] == t)
            {
                i++;
            }

            if (g == _genuine.Length && i == _impostor.Length)
            {
                break;
            }
        }

        // Every threshold accepts more impostors than it rejects genuines until the very top.
        return (previousFmr + previousFnmr) / 2;
    }

    /// <summary>The number of elements of the sorted array that are at most <paramref name="value"/>.</summary>
    private static int UpperBound(float[] sorted, float value)
    {
        int low = 0, high = sorted.Length;
        while (low < high)
        {
            var middle = (low + high) >>> 1;
            if (sorted[middle] <= value)
            {
                low = middle + 1;
            }
            else
            {
                high = middle;
            }
        }

        return low;
    }
}
