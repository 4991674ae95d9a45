using PalmKey.Engine;

namespace PalmKey.Tests.Engine;

public sealed class CodeSymmetryTests
{
    private static readonly PalmProbe[] Probes =
    [
        PalmExtractor.ExtractProbe(SyntheticPalms.Render(seed: 5, palm: 1, sample: 1)),
        PalmExtractor.ExtractProbe(SyntheticPalms.Render(seed: 5, palm: 2, sample: 1)),
    ];

    private static readonly PalmTemplate[] Gallery =
    [
        PalmExtractor.Extract(SyntheticPalms.Render(seed: 5, palm: 1, sample: 0)),
        PalmExtractor.Extract(SyntheticPalms.Render(seed: 5, palm: 2, sample: 0)),
    ];

    public static TheoryData<int> Symmetries() => [0, 1, 2, 3, 4, 5, 6, 7];

    [Theory]
    [MemberData(nameof(Symmetries))]
    public void A_symmetric_pair_scores_exactly_as_the_original_pair(int symmetry)
    {
        foreach (var probe in Probes)
        {
            var matcher = new PalmMatcher(probe);
            var turned = new PalmMatcher(SyntheticPalms.Transform(probe, symmetry));
            foreach (var template in Gallery)
            {
                Assert.Equal(matcher.Match(template), turned.Match(SyntheticPalms.Transform(template, symmetry)));
            }
        }

        // The genuine pair stays genuine and the impostor pair an impostor: the scores differ.
        var first = new PalmMatcher(Probes[0]);
        Assert.True(first.Match(Gallery[0]) > first.Match(Gallery[1]) + 10);
    }

    [Fact]
    public void The_eight_symmetries_give_eight_different_palms_to_the_matcher()
    {
        var probe = new PalmMatcher(Probes[0]);
        var own = probe.Match(Gallery[0]);
        for (var symmetry = 1; symmetry < CodeSymmetry.Count; symmetry++)
        {
            // Palm 1 turned is another palm: it scores like an impostor against palm 1's probe.
            Assert.True(probe.Match(SyntheticPalms.Transform(Gallery[0], symmetry)) < own - 10, $"symmetry {symmetry}");
        }
    }

    [Fact]
    public void Mirrors_and_the_transpose_undo_themselves_and_compose_as_the_square_does()
    {
        var code = Gallery[0].Code.ToArray();
        var once = new uint[CodeLayout.Words];
        var twice = new uint[CodeLayout.Words];
        for (var symmetry = 0; symmetry <= 4; symmetry++)
        {
            CodeSymmetry.Apply(code, symmetry, once);
            CodeSymmetry.Apply(once, symmetry, twice);
            Assert.Equal(code, twice);
        }

        // Mirroring left to right, then top to bottom, is symmetry 3.
        var both = new uint[CodeLayout.Words];
        CodeSymmetry.Apply(code, 1, once);
        CodeSymmetry.Apply(once, 2, twice);
        CodeSymmetry.Apply(code, 3, both);
        Assert.Equal(both, twice);
    }

    [Fact]
    public void Each_cell_keeps_a_valid_orientation_code_at_the_mirrored_place()
    {
        var code = Gallery[0].Code.ToArray();
        var mirrored = new uint[CodeLayout.Words];
        CodeSymmetry.Apply(code, 1, mirrored);
        for (var row = 0; row < CodeLayout.Grid; row++)
        {
            for (var x = 0; x < CodeLayout.Grid; x++)
            {
                // Orientation k (planes (k - p) mod 6 < 3) goes to -k mod 6 at column 31 - x.
                var k = Orientation(code, row, x);
                Assert.Equal((6 - k) % 6, Orientation(mirrored, row, CodeLayout.Grid - 1 - x));
            }
        }
    }

    [Fact]
    public void Symmetries_outside_0_to_7_are_refused()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPalms.Transform(Gallery[0], 8));
        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticPalms.Transform(Probes[0], -1));
    }

    private static int Orientation(uint[] code, int row, int x)
    {
        var pattern = 0;
        for (var p = 0; p < CodeLayout.PlanesPerScale; p++)
        {
            pattern |= (int)((code[(row * CodeLayout.Planes) + p] >> x) & 1) << p;
        }

        // Plane bits (p0, p1, p2) of orientations 0 to 5: 100, 110, 111, 011, 001, 000.
        return pattern switch
        {
            0b001 => 0,
            0b011 => 1,
            0b111 => 2,
            0b110 => 3,
            0b100 => 4,
            0b000 => 5,
            _ => throw new InvalidOperationException($"Pattern {pattern} is no orientation code."),
        };
    }
}
