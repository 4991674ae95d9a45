using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

public sealed class RankOneCounterTests
{
    [Fact]
    public void Counts_a_hit_only_when_the_genuine_score_is_strictly_best()
    {
        var counter = new RankOneCounter();
        Assert.True(double.IsNaN(counter.Rate));

        counter.Count(50, 20);
        counter.Count(30, 30); // a tie is a miss
        counter.Count(10, 20);
        counter.Count(40, float.NegativeInfinity); // no impostor enrolled: a hit
        counter.Count(float.NegativeInfinity, 90); // palm not enrolled: not a closed-set probe

        Assert.Equal((4, 2, 0.5), (counter.Probes, counter.Hits, counter.Rate));

        var other = new RankOneCounter();
        other.Count(1, 0);
        counter.Add(other);
        Assert.Equal((5, 3), (counter.Probes, counter.Hits));
    }
}
