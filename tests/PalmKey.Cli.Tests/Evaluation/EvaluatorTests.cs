using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

/// <summary>
/// The evaluation end to end on a small synthetic dataset: how many comparisons each protocol and
/// level makes (against formulas), failures to enroll, and rank-1 on cleanly separable palms.
/// </summary>
public sealed class EvaluatorTests
{
    [Fact]
    public void All_pairs_counts_each_unordered_pair_once_at_image_level_and_each_probe_against_each_palm_at_palm_level()
    {
        using var folder = new TestDataset(palms: 4);

        var result = Evaluate(folder, new Protocol(null, null, null));

        // 4 palms of 4 images: n = 16.
        const int Palms = 4, PerPalm = 4, N = Palms * PerPalm;
        AssertCounts(result.ImageLevel, genuine: Palms * PerPalm * (PerPalm - 1) / 2, impostor: (N * (N - 1) / 2) - (Palms * PerPalm * (PerPalm - 1) / 2));
        AssertCounts(result.PalmLevel, genuine: N, impostor: N * (Palms - 1));
        Assert.Equal((24, 96, 16, 48), (result.ImageLevel.Rates.GenuineCount, result.ImageLevel.Rates.ImpostorCount, result.PalmLevel.Rates.GenuineCount, result.PalmLevel.Rates.ImpostorCount));
        Assert.Equal((N, Palms), (result.Images, result.Palms));
        Assert.Empty(result.Failures);
        Assert.Equal(0, result.FailureToEnrollRate);
    }

    [Theory]
    [InlineData(null)]
    [InlineData(1)]
    [InlineData(2)]
    public void Enroll_and_probe_globs_compare_each_probe_with_each_enrolled_image_and_palm(int? enrollCount)
    {
        using var folder = new TestDataset(palms: 4);

        var result = Evaluate(folder, new Protocol(new FileGlob("s1_*"), new FileGlob("s2_*"), enrollCount));

        const int Palms = 4, Probes = Palms * 2;
        var enrolledPerPalm = Math.Min(2, enrollCount ?? 2);
        AssertCounts(result.ImageLevel, genuine: Probes * enrolledPerPalm, impostor: Probes * enrolledPerPalm * (Palms - 1));
        AssertCounts(result.PalmLevel, genuine: Probes, impostor: Probes * (Palms - 1));
        Assert.Equal(Probes + (Palms * enrolledPerPalm), result.Images);
        Assert.Equal(Palms, result.Palms);
    }

    [Fact]
    public void Separable_palms_give_rank_1_of_100_percent_and_no_errors()
    {
        using var folder = new TestDataset(palms: 5);

        foreach (var protocol in new[] { new Protocol(null, null, null), new Protocol(new FileGlob("s1_*"), new FileGlob("s2_*"), null) })
        {
            var result = Evaluate(folder, protocol);

            foreach (var level in new[] { result.ImageLevel, result.PalmLevel })
            {
                Assert.Equal(1.0, level.RankOne.Rate);
                Assert.Equal(level.RankOne.Probes, level.RankOne.Hits);
                Assert.Equal(0, level.Rates.Eer);
                Assert.All(ErrorRates.ReportedFmrs, fmr => Assert.Equal(0, level.Rates.AtFmr(fmr).Fnmr));
            }

            Assert.Equal(protocol.IsAllPairs ? 20 : 10, result.ImageLevel.RankOne.Probes);
        }
    }

    [Fact]
    public void An_unreadable_or_too_small_image_is_a_failure_to_enroll_with_its_reason_and_takes_no_part()
    {
        using var folder = new TestDataset(palms: 4);
        folder.Write(1, "s1_1.png", [.. "not an image at all"u8]);
        folder.Write(3, "s2_3.png", ImageCodec.EncodePng(new GrayImage(16, 16, new byte[256])));

        var allPairs = Evaluate(folder, new Protocol(null, null, null));
        var globs = Evaluate(folder, new Protocol(new FileGlob("s1_*"), new FileGlob("s2_*"), null));

        Assert.Equal(["palm1/s1_1.png", "palm3/s2_3.png"], allPairs.Failures.Select(failure => $"{failure.Image.PalmId}/{failure.Image.FileName}"));
        Assert.StartsWith("Unknown image format", allPairs.Failures[0].Failure, StringComparison.Ordinal);
        Assert.Equal("16x16 is smaller than the 32-pixel minimum ROI", allPairs.Failures[1].Failure);
        Assert.Equal((17, 2.0 / 17), (allPairs.Images, allPairs.FailureToEnrollRate));

        // Usable images per palm: 3, 4, 4, 4 (n = 15).
        int[] usable = [3, 4, 4, 4];
        var genuinePairs = usable.Sum(n => n * (n - 1) / 2);
        AssertCounts(allPairs.ImageLevel, genuine: genuinePairs, impostor: (15 * 14 / 2) - genuinePairs);
        AssertCounts(allPairs.PalmLevel, genuine: 15, impostor: 15 * 3);

        // Usable enrolled images per palm: 1, 2, 2, 2 (7); two usable probes per palm (8).
        int[] enrolled = [1, 2, 2, 2];
        var imageGenuine = enrolled.Sum(n => 2 * n);
        var imageImpostor = enrolled.Select((n, palm) => 2 * (enrolled.Sum() - n)).Sum();
        AssertCounts(globs.ImageLevel, genuine: imageGenuine, impostor: imageImpostor);
        Assert.Equal((14, 42), (imageGenuine, imageImpostor));
        AssertCounts(globs.PalmLevel, genuine: 8, impostor: 8 * 3);
        Assert.Equal(["palm1/s1_1.png", "palm3/s2_3.png"], globs.Failures.Select(failure => $"{failure.Image.PalmId}/{failure.Image.FileName}"));
        Assert.Equal(1.0, globs.PalmLevel.RankOne.Rate);
    }

    [Fact]
    public void A_palm_whose_only_image_fails_is_neither_probed_nor_enrolled()
    {
        using var folder = new TestDataset(palms: 3, captures: ["s1_1"]);
        folder.Write(2, "s1_1.png", [0x42, 0x4D]);

        var result = Evaluate(folder, new Protocol(null, null, null));

        // Two usable single-image palms: one impostor pair, no genuine pair, and no probe with its palm enrolled.
        AssertCounts(result.ImageLevel, genuine: 0, impostor: 1);
        AssertCounts(result.PalmLevel, genuine: 0, impostor: 2);
        Assert.Equal(0, result.PalmLevel.RankOne.Probes);
        Assert.True(double.IsNaN(result.ImageLevel.Rates.Eer));
        Assert.Single(result.Failures);
    }

    [Fact]
    public void The_thread_count_changes_nothing_but_speed()
    {
        using var folder = new TestDataset(palms: 4);
        var protocol = new Protocol(null, null, null);

        var one = new Evaluator(1, ProgressReporter.Silent).Run(Dataset.Open(folder.Root), protocol);
        var three = new Evaluator(3, ProgressReporter.Silent).Run(Dataset.Open(folder.Root), protocol);

        foreach (var (a, b) in new[] { (one.ImageLevel, three.ImageLevel), (one.PalmLevel, three.PalmLevel) })
        {
            Assert.Equal(a.Rates.Eer, b.Rates.Eer);
            Assert.Equal((a.Rates.GenuineCount, a.Rates.ImpostorCount), (b.Rates.GenuineCount, b.Rates.ImpostorCount));
            foreach (var fmr in (double[])[0.5, 0.1, 0.02])
            {
                Assert.Equal(a.Rates.AtFmr(fmr), b.Rates.AtFmr(fmr));
            }

            Assert.Equal((a.RankOne.Probes, a.RankOne.Hits), (b.RankOne.Probes, b.RankOne.Hits));
        }
    }

    [Fact]
    public void Refuses_a_protocol_that_selects_no_enrolled_or_no_probe_images()
    {
        using var folder = new TestDataset(palms: 2);

        var noEnrolled = Assert.Throws<InvalidOperationException>(() => Evaluate(folder, new Protocol(new FileGlob("x*"), new FileGlob("s2_*"), null)));
        var noProbes = Assert.Throws<InvalidOperationException>(() => Evaluate(folder, new Protocol(new FileGlob("s1_*"), new FileGlob("x*"), null)));

        Assert.Contains("selects 0 enrolled and 4 probe images", noEnrolled.Message, StringComparison.Ordinal);
        Assert.Contains("selects 4 enrolled and 0 probe images", noProbes.Message, StringComparison.Ordinal);
        Assert.Contains("both must be non-empty", noProbes.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_thread_count_below_1()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new Evaluator(0, ProgressReporter.Silent));
    }

    // One thread: tests already run in parallel, and worker threads would only wait for the thread pool.
    private static EvaluationResult Evaluate(TestDataset folder, Protocol protocol) =>
        new Evaluator(1, ProgressReporter.Silent).Run(Dataset.Open(folder.Root), protocol);

    private static void AssertCounts(LevelResult level, long genuine, long impostor)
    {
        Assert.Equal(genuine, level.Rates.GenuineCount);
        Assert.Equal(impostor, level.Rates.ImpostorCount);
    }
}
