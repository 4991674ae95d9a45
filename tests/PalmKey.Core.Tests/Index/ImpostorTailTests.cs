using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class ImpostorTailTests
{
    [Theory]
    [InlineData(11.04, 1e-1)]
    [InlineData(16.34, 1e-3)]
    [InlineData(20.45, 1e-5)]
    public void The_model_reproduces_measured_Tongji_impostor_rates(double score, double measured)
    {
        // The thresholds measured on Tongji s1 -> s2 (docs/accuracy.md); the fit is within 16% there.
        var model = ImpostorTail.Fmr(score);
        Assert.InRange(model / measured, 0.8, 1.25);
    }

    [Fact]
    public void The_false_match_rate_falls_as_the_score_rises_and_inverts()
    {
        var previous = 1.0;
        for (var score = 5.0; score <= 40; score += 0.25)
        {
            var fmr = ImpostorTail.Fmr(score);
            Assert.True(fmr <= previous, $"FMR rose at {score}");
            previous = fmr;
        }

        foreach (var fmr in new[] { 1e-2, 1e-5, 1e-9, 1e-12 })
        {
            Assert.InRange(ImpostorTail.Fmr(ImpostorTail.ScoreAtFmr(fmr)) / fmr, 0.99, 1.01);
        }
    }

    [Fact]
    public void The_threshold_rises_with_the_gallery_and_the_frames()
    {
        var small = PalmIndex.ThresholdForFpir(1e-3, 1_000);
        var large = PalmIndex.ThresholdForFpir(1e-3, 1_000_000);
        Assert.True(large > small + 3, $"{small} -> {large}");
        Assert.True(PalmIndex.ThresholdForFpir(1e-3, 1_000, probeFrames: 3) > small);
        Assert.True(PalmIndex.ThresholdForFpir(1e-4, 1_000) > small);
        Assert.Throws<ArgumentOutOfRangeException>(() => PalmIndex.ThresholdForFpir(0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => PalmIndex.ThresholdForFpir(1e-3, 0));
    }
}
