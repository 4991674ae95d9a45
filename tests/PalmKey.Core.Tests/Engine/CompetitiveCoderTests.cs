using System.Runtime.Intrinsics;
using PalmKey.Engine;
using PalmKey.Tests.Imaging;

namespace PalmKey.Tests.Engine;

/// <summary>
/// The filter bank's vector path against its scalar path, and the code against a reference
/// quantization of the responses.
/// </summary>
public sealed class CompetitiveCoderTests
{
    public static TheoryData<string> Images() => ["synthetic 1", "synthetic 2", "synthetic 3", "noise", "gradient", "tongji"];

    [Theory]
    [MemberData(nameof(Images))]
    public void The_vector_path_gives_the_scalar_responses_and_codes(string image)
    {
        if (!Vector512.IsHardwareAccelerated)
        {
            Assert.Skip("Vector512 is not accelerated on this processor, so both paths are the scalar path here.");
        }

        var roi = Roi(image);

        var vector = CompetitiveCoder.Responses(roi, useVectors: true);
        var scalar = CompetitiveCoder.Responses(roi, useVectors: false);

        Assert.Equal(CodeLayout.Scales * CodeLayout.Orientations, vector.Length);
        var largest = scalar.SelectMany(kernel => kernel).Max(MathF.Abs);
        Assert.True(largest > 0);
        for (var k = 0; k < vector.Length; k++)
        {
            Assert.Equal(CodeLayout.Grid * CodeLayout.Grid, vector[k].Length);
            for (var cell = 0; cell < vector[k].Length; cell++)
            {
                // Both sum the same products in other orders: only rounding may differ.
                var difference = Math.Abs(vector[k][cell] - scalar[k][cell]);
                Assert.True(difference <= 1e-4 * largest, $"{image}, kernel {k}, cell {cell}: {vector[k][cell]} and {scalar[k][cell]}.");
            }
        }

        // The codes can differ only where two orientations tie to within rounding; none do here.
        var differing = DifferingCells(CompetitiveCoder.Encode(roi, useVectors: true), CompetitiveCoder.Encode(roi, useVectors: false));
        Assert.Equal(0, differing);
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Codes_the_orientation_of_the_lowest_response_so_that_bit_distance_is_angular_distance(string image)
    {
        var roi = Roi(image);
        var responses = CompetitiveCoder.Responses(roi);
        var code = CompetitiveCoder.Encode(roi);

        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var cell = 0; cell < CodeLayout.Grid * CodeLayout.Grid; cell++)
            {
                var orientations = Enumerable.Range(0, CodeLayout.Orientations).Select(o => responses[(scale * CodeLayout.Orientations) + o][cell]).ToArray();
                var winner = Array.IndexOf(orientations, orientations.Min());
                Assert.Equal(Pattern(winner), CellBits(code, scale, cell));
            }
        }
    }

    [Fact]
    public void The_six_patterns_are_as_far_apart_in_bits_as_their_orientations_are_in_30_degree_steps()
    {
        for (var a = 0; a < 6; a++)
        {
            for (var b = 0; b < 6; b++)
            {
                var steps = Math.Min(Math.Abs(a - b), 6 - Math.Abs(a - b));
                Assert.Equal(steps, System.Numerics.BitOperations.PopCount((uint)(Pattern(a) ^ Pattern(b))));
            }
        }
    }

    [Theory]
    [MemberData(nameof(Images))]
    public void Coding_at_grid_offsets_gives_the_plain_code_first_and_matches_the_scalar_path(string image)
    {
        var roi = Roi(image);
        (int X, int Y)[] offsets = [(0, 0), (-2, 0), (0, -2), (-2, -2), (1, 1), (-1, 0)];

        var vector = CompetitiveCoder.Encode(roi, offsets, useVectors: true);
        var scalar = CompetitiveCoder.Encode(roi, offsets, useVectors: false);

        Assert.Equal(CompetitiveCoder.Encode(roi), vector[0]);
        for (var i = 0; i < offsets.Length; i++)
        {
            Assert.Equal(0, DifferingCells(vector[i], scalar[i]));
        }
    }

    [Fact]
    public void A_grid_offset_codes_what_the_image_moved_the_other_way_codes()
    {
        // Moving the picture 2 pixels right and down puts under each cell what lay 2 pixels up and left
        // of it, which is what the grid offset (-2, -2) reads from the unmoved picture. Only cells whose
        // kernels reach the mirrored border can differ.
        var roi = Roi("synthetic 1");
        var moved = new float[roi.Length];
        for (var y = 0; y < CodeLayout.RoiSize; y++)
        {
            for (var x = 0; x < CodeLayout.RoiSize; x++)
            {
                moved[(y * CodeLayout.RoiSize) + x] = roi[(Math.Max(0, y - 2) * CodeLayout.RoiSize) + Math.Max(0, x - 2)];
            }
        }

        var offset = CompetitiveCoder.Encode(roi, [(-2, -2)])[0];
        var plain = CompetitiveCoder.Encode(moved);
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var cell = 0; cell < CodeLayout.Grid * CodeLayout.Grid; cell++)
            {
                var (row, column) = (cell / CodeLayout.Grid, cell % CodeLayout.Grid);
                if (row >= 3 && row < CodeLayout.Grid - 3 && column >= 3 && column < CodeLayout.Grid - 3)
                {
                    Assert.Equal(CellBits(plain, scale, cell), CellBits(offset, scale, cell));
                }
            }
        }
    }

    [Theory]
    [InlineData(-3, 0)]
    [InlineData(0, 2)]
    [InlineData(2, -2)]
    public void Refuses_a_grid_offset_that_reaches_outside_the_padding(int x, int y)
    {
        var roi = Roi("gradient");
        Assert.Throws<ArgumentOutOfRangeException>(() => CompetitiveCoder.Encode(roi, [(0, 0), (x, y)]));
    }

    [Fact]
    public void A_uniform_ROI_gives_no_response_at_any_brightness()
    {
        foreach (var level in new[] { 0f, 1f, 128f, 255f })
        {
            var responses = CompetitiveCoder.Responses(Enumerable.Repeat(level, CodeLayout.RoiSize * CodeLayout.RoiSize).ToArray());
            Assert.All(responses.SelectMany(kernel => kernel), response => Assert.InRange(response, -1e-3f, 1e-3f));
        }
    }

    private static float[] Roi(string image) => image switch
    {
        "synthetic 1" => RoiSampler.Normalize(SyntheticPalm.Create(1)),
        "synthetic 2" => RoiSampler.Normalize(SyntheticPalm.Create(2)),
        "synthetic 3" => RoiSampler.Normalize(new SyntheticPalm(3).Draw(200, 170, scale: 1.5)),
        "noise" => [.. TestPixels.Random(CodeLayout.RoiSize * CodeLayout.RoiSize, 5).Select(v => (float)v)],
        "gradient" => [.. Enumerable.Range(0, CodeLayout.RoiSize * CodeLayout.RoiSize).Select(i => (float)((i % 128) + (2 * (i / 128) % 97)))],
        _ => RoiSampler.Normalize(TestData.TongjiImages(palms: 1, perPalm: 1)[0]),
    };

    /// <summary>Plane p of a cell holds 1 where (winner - p) mod 6 is below 3: 001, 011, 111, 110, 100, 000 for winners 0..5.</summary>
    private static int Pattern(int winner) => (winner % 6) switch
    {
        0 => 0b001,
        1 => 0b011,
        2 => 0b111,
        3 => 0b110,
        4 => 0b100,
        _ => 0b000,
    };

    /// <summary>The three plane bits of one cell at one scale, plane 0 lowest.</summary>
    private static int CellBits(uint[] code, int scale, int cell)
    {
        var row = cell / CodeLayout.Grid;
        var column = cell % CodeLayout.Grid;
        var bits = 0;
        for (var plane = 0; plane < CodeLayout.PlanesPerScale; plane++)
        {
            var word = code[(row * CodeLayout.Planes) + (scale * CodeLayout.PlanesPerScale) + plane];
            bits |= (int)((word >> column) & 1) << plane;
        }

        return bits;
    }

    private static int DifferingCells(uint[] a, uint[] b)
    {
        var differing = 0;
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var cell = 0; cell < CodeLayout.Grid * CodeLayout.Grid; cell++)
            {
                differing += CellBits(a, scale, cell) == CellBits(b, scale, cell) ? 0 : 1;
            }
        }

        return differing;
    }
}
