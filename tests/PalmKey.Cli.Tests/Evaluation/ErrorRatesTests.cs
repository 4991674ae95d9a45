using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

/// <summary>
/// The error rates against brute force: every threshold is tried and every score counted, on small
/// random score sets with many ties, including scores shared by genuine and impostor comparisons.
/// </summary>
public sealed class ErrorRatesTests
{
    public static TheoryData<int> Seeds() => [.. Enumerable.Range(1, 40)];

    [Theory]
    [MemberData(nameof(Seeds))]
    public void AtFmr_gives_the_lowest_threshold_whose_FMR_is_at_most_the_target(int seed)
    {
        var (genuine, impostor) = RandomScores(seed);
        var rates = new ErrorRates([.. genuine], [.. impostor]);
        var random = new Random(seed);
        double[] targets = [0, 1e-5, 1e-3, 1e-2, 0.05, 0.1, 0.25, 0.5, 0.999, 1, 1.5, .. Enumerable.Range(0, 20).Select(_ => random.NextDouble())];

        foreach (var target in targets)
        {
            // Accepting scores above t; FMR only changes at impostor scores, so the lowest threshold is one of them (or -infinity).
            var candidates = impostor.Distinct().Append(float.NegativeInfinity).Where(t => Fmr(impostor, t) <= target);
            var threshold = candidates.Min();

            var point = rates.AtFmr(target);

            Assert.Equal(target, point.TargetFmr);
            Assert.True(threshold == point.Threshold, $"Target {target}: threshold {point.Threshold}, expected {threshold}.");
            Assert.Equal(Fmr(impostor, threshold), point.Fmr, 12);
            Assert.Equal(Fnmr(genuine, threshold), point.Fnmr, 12);
            Assert.InRange(point.Fmr, 0, target);
            Assert.Equal(target * impostor.Length < ErrorRates.MinimumImpostorsAtPoint, point.CountLimited);
        }
    }

    [Theory]
    [InlineData(100, 0.29)]
    [InlineData(100, 0.57)]
    [InlineData(1000, 0.001)]
    [InlineData(3000, 0.001)]
    [InlineData(100_000, 1e-4)]
    [InlineData(35_940, 1e-3)]
    public void AtFmr_allows_exactly_the_target_share_of_impostors(int impostors, double target)
    {
        // Products such as 0.29 * 100 round below the whole number (28.999...); the FMR of 29/100 is still 0.29.
        var impostor = Enumerable.Range(0, impostors).Select(i => (float)i).ToArray();
        var allowed = Enumerable.Range(0, impostors + 1).Last(k => (double)k / impostors <= target);

        var point = new ErrorRates([1e9f], [.. impostor]).AtFmr(target);

        Assert.Equal((double)allowed / impostors, point.Fmr);
        Assert.Equal(impostor[impostors - 1 - allowed], point.Threshold);
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public void The_EER_lies_between_FMR_and_FNMR_at_every_threshold(int seed)
    {
        var (genuine, impostor) = RandomScores(seed);
        var eer = new ErrorRates([.. genuine], [.. impostor]).Eer;

        // Accepting scores at or above t: below the crossing FNMR <= EER <= FMR, above it FMR <= EER <= FNMR.
        foreach (var t in genuine.Concat(impostor).Distinct().Append(float.PositiveInfinity).Append(float.NegativeInfinity))
        {
            var fmr = (double)impostor.Count(score => score >= t) / impostor.Length;
            var fnmr = (double)genuine.Count(score => score < t) / genuine.Length;
            Assert.True(
                Math.Min(fmr, fnmr) - 1e-12 <= eer && eer <= Math.Max(fmr, fnmr) + 1e-12,
                $"Seed {seed}: EER {eer} outside FMR {fmr} and FNMR {fnmr} at threshold {t}.");
        }
    }

    [Fact]
    public void Perfectly_separated_scores_give_an_EER_of_0_and_no_errors_at_any_FMR()
    {
        var rates = new ErrorRates([50, 60, 70, 80.5f], [1, 2, 2, 3, 10, 49.9f]);

        Assert.Equal(0, rates.Eer);
        foreach (var fmr in ErrorRates.ReportedFmrs)
        {
            Assert.Equal(0, rates.AtFmr(fmr).Fnmr);
            Assert.Equal(0, rates.AtFmr(fmr).Fmr);
            Assert.Equal(49.9f, rates.AtFmr(fmr).Threshold);
        }
    }

    [Fact]
    public void Identical_distributions_give_an_EER_of_one_half()
    {
        var scores = Enumerable.Range(0, 1000).Select(i => (float)((i * 7919) % 1000)).ToArray();

        var rates = new ErrorRates([.. scores], [.. scores]);

        Assert.Equal(0.5, rates.Eer, 0.002);
    }

    [Fact]
    public void Reversed_scores_give_an_EER_of_1()
    {
        Assert.Equal(1, new ErrorRates([1, 2, 3], [10, 11]).Eer, 12);
    }

    [Fact]
    public void Counts_every_score_and_marks_points_resting_on_few_impostors()
    {
        var rates = new ErrorRates([.. Enumerable.Range(0, 30).Select(i => 50f + i)], [.. Enumerable.Range(0, 2000).Select(i => i / 100f)]);

        Assert.Equal(30, rates.GenuineCount);
        Assert.Equal(2000, rates.ImpostorCount);
        Assert.False(rates.AtFmr(1e-2).CountLimited); // 20 impostors
        Assert.False(rates.AtFmr(5e-3).CountLimited); // exactly 10
        Assert.True(rates.AtFmr(1e-3).CountLimited); // 2
        Assert.True(rates.AtFmr(1e-5).CountLimited);
        Assert.Equal(19.79f, rates.AtFmr(1e-2).Threshold);
        Assert.Equal(19.99f, rates.AtFmr(1e-5).Threshold);
    }

    [Fact]
    public void Empty_score_sets_give_no_figures_rather_than_failing()
    {
        foreach (var rates in new[] { new ErrorRates([], [1, 2]), new ErrorRates([1, 2], []), new ErrorRates([], []) })
        {
            Assert.True(double.IsNaN(rates.Eer));
            var point = rates.AtFmr(1e-3);
            Assert.True(double.IsNaN(point.Fmr) && double.IsNaN(point.Fnmr) && float.IsNaN(point.Threshold));
            Assert.True(point.CountLimited);
        }
    }

    /// <summary>Small integer-valued scores from a seed: plenty of ties within and across the two sets.</summary>
    private static (float[] Genuine, float[] Impostor) RandomScores(int seed)
    {
        var random = new Random(seed);
        var genuine = Enumerable.Range(0, random.Next(1, 40)).Select(_ => (float)random.Next(5, 25)).ToArray();
        var impostor = Enumerable.Range(0, random.Next(1, 200)).Select(_ => (float)random.Next(0, 15)).ToArray();
        return (genuine, impostor);
    }

    private static double Fmr(float[] impostor, float threshold) => (double)impostor.Count(score => score > threshold) / impostor.Length;

    private static double Fnmr(float[] genuine, float threshold) => (double)genuine.Count(score => score <= threshold) / genuine.Length;
}
