using PalmKey.Engine;
using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class SearchPipelineTests
{
    [Fact]
    public void Smallest_keeps_what_a_stable_sort_keeps()
    {
        var random = new Random(11);
        foreach (var length in new[] { 0, 1, 2, 7, 64, 500 })
        {
            foreach (var maxValue in new[] { 0, 3, 40 })
            {
                // Values above maxValue (int.MaxValue among them) are never kept.
                var values = Enumerable.Range(0, length).Select(_ => random.Next(8) == 0 ? int.MaxValue : random.Next(maxValue + 2)).ToArray();
                foreach (var keep in new[] { 0, 1, 5, length / 2, length, length + 3 })
                {
                    var expected = Enumerable.Range(0, length)
                        .Where(i => values[i] <= maxValue)
                        .OrderBy(i => values[i])
                        .ThenBy(i => i)
                        .Take(keep)
                        .Order()
                        .ToList();
                    Assert.Equal(expected, SearchPipeline.Smallest(values, maxValue, keep));
                }
            }
        }
    }

    /// <summary>
    /// A probe whose best coarse variant lies at the wrong rotation: rotation 0 is a decoy whose
    /// large-scale planes (all the coarse code sees) are those of the true capture, rotation 1, and whose
    /// small-scale planes are noise. Every coarse variant of the two ties, so the coarse stage names the
    /// decoy best and the true rotation second. A competitor enrolled first, the enrolled palm with a
    /// third of its small-scale bits flipped, ties on the coarse code too and takes the one wide refine.
    /// Refined at the decoy only, the enrolled palm ranks below the competitor and the refine stage,
    /// keeping one capture, drops it; refined near the second-best variant too, it is found, as the
    /// exhaustive search finds it.
    /// </summary>
    [Fact]
    public void The_refine_stage_looks_near_the_second_best_coarse_variant()
    {
        var capture = TestCodes.Random(21);
        var decoy = WithSmallScale(capture, TestCodes.Random(22));
        var enrolled = TestCodes.Shift(capture, -1, 1);
        var competitor = WithSmallScale(enrolled, Flip(enrolled, 3, seed: 23));
        var codes = new uint[3 * CodeLayout.ProbeOffsets.Length][];
        for (var c = 0; c < codes.Length; c++)
        {
            codes[c] = c == 0 ? decoy : c == CodeLayout.ProbeOffsets.Length ? capture : TestCodes.Random(100 + c);
        }

        var probe = new PalmProbe(codes, CodeLayout.ProbeOffsets.ToArray());
        var index = new PalmIndex { Tuning = new SearchTuning(0, 4, 0, 1, 0) };
        var competitorId = new Guid(1, 0, 0, new byte[8]);
        var enrolledId = new Guid(2, 0, 0, new byte[8]);
        index.Add(competitorId, [new PalmTemplate(competitor)]);
        index.Add(enrolledId, [new PalmTemplate(enrolled)]);
        for (var i = 0; i < 30; i++)
        {
            index.Add(new Guid(3 + i, 0, 0, new byte[8]), [new PalmTemplate(TestCodes.Random(200 + i))]);
        }

        var exhaustive = index.Search(probe, new PalmSearchOptions { Exhaustive = true });
        Assert.Equal(enrolledId, exhaustive.Candidates[0].Id);
        Assert.Equal(competitorId, exhaustive.Candidates[1].Id);
        var fast = index.Search(probe);
        Assert.Equal(enrolledId, Assert.Single(fast.Candidates).Id);
        Assert.Equal(exhaustive.Candidates[0].Score, fast.Candidates[0].Score);
    }

    /// <summary><paramref name="code"/> with its small-scale planes (those the coarse code leaves out) taken from <paramref name="small"/>.</summary>
    private static uint[] WithSmallScale(uint[] code, uint[] small)
    {
        var result = (uint[])code.Clone();
        for (var row = 0; row < CodeLayout.Grid; row++)
        {
            for (var plane = 0; plane < CodeLayout.PlanesPerScale; plane++)
            {
                result[(row * CodeLayout.Planes) + plane] = small[(row * CodeLayout.Planes) + plane];
            }
        }

        return result;
    }

    /// <summary><paramref name="code"/> with each bit flipped with probability 1 / <paramref name="oneIn"/>.</summary>
    private static uint[] Flip(uint[] code, int oneIn, int seed)
    {
        var random = new Random(seed);
        var result = (uint[])code.Clone();
        for (var i = 0; i < result.Length; i++)
        {
            for (var bit = 0; bit < 32; bit++)
            {
                if (random.Next(oneIn) == 0)
                {
                    result[i] ^= 1u << bit;
                }
            }
        }

        return result;
    }
}
