using System.Runtime.Intrinsics.X86;
using PalmKey.Engine;

namespace PalmKey.Tests.Engine;

/// <summary>
/// The translation search: its over-reading kernel against the scalar count at every length it is used
/// for, and the whole search against a plain cell-by-cell reference written here.
/// </summary>
public sealed class ShiftedCodeTests
{
    private const int Grid = CodeLayout.Grid;
    private const int Planes = CodeLayout.Planes;

    [Fact]
    public void The_padded_kernel_equals_the_scalar_count_at_every_length_and_ignores_what_lies_past_the_end()
    {
        if (!Avx512BW.IsSupported)
        {
            Assert.Skip("This processor lacks Avx512BW, so ShiftedCode.CountPadded512 cannot run here.");
        }

        var random = new Random(192);
        for (var length = 0; length <= Grid * Planes; length++)
        {
            // Random garbage fills the 16 words past the end that the kernel may load but must not count.
            foreach (var offset in new[] { 0, 1, 5 })
            {
                var a = TestWords.Random(random, offset + length + CodeLayout.Padding);
                var b = TestWords.Random(random, offset + length + CodeLayout.Padding);
                foreach (var mask in new[] { 0u, uint.MaxValue, (uint)random.NextInt64(1L << 32), 1u << random.Next(32), uint.MaxValue << 3, uint.MaxValue >> 3 })
                {
                    var expected = HammingKernels.CountScalar(a.AsSpan(offset, length), b.AsSpan(offset, length), mask);
                    var actual = ShiftedCode.CountPadded512(ref a[offset], ref b[offset], length, mask);
                    Assert.True(expected == actual, $"{length} words at offset {offset}, mask {mask:x8}: {actual}, expected {expected}.");
                }
            }
        }
    }

    [Fact]
    public void MinDistance_equals_a_plain_reference_on_random_codes()
    {
        var random = new Random(49);
        for (var trial = 0; trial < 40; trial++)
        {
            var code = TestWords.Random(random, CodeLayout.Words);
            var candidate = TestWords.Random(random, CodeLayout.Words);
            AssertMatchesReference(code, candidate, random);
        }
    }

    [Fact]
    public void MinDistance_equals_a_plain_reference_on_moved_and_noisy_copies()
    {
        // A copy moved by (dx, dy) cells with a few bits flipped has one clearly best shift, so a sign
        // error in either direction would show. Moves of 4 cells lie outside the search.
        var random = new Random(7);
        for (var dx = -4; dx <= 4; dx++)
        {
            for (var dy = -4; dy <= 4; dy++)
            {
                var code = TestWords.Random(random, CodeLayout.Words);
                var candidate = Moved(code, dx, dy, random);
                for (var flip = 0; flip < 300; flip++)
                {
                    candidate[random.Next(candidate.Length)] ^= 1u << random.Next(32);
                }

                var distance = AssertMatchesReference(code, candidate, random);
                if (Math.Abs(dx) <= CodeLayout.MaxShift && Math.Abs(dy) <= CodeLayout.MaxShift)
                {
                    Assert.InRange(distance, 0, 0.1);
                }
            }
        }
    }

    [Fact]
    public void MinDistance_equals_a_plain_reference_on_palm_templates()
    {
        var random = new Random(3);
        var templates = new[] { SyntheticPalm.Create(1), TestImages.Shift(SyntheticPalm.Create(1), -6, 9), SyntheticPalm.Create(2) }
            .Select(PalmExtractor.Extract)
            .ToArray();
        foreach (var a in templates)
        {
            foreach (var b in templates)
            {
                AssertMatchesReference(a.Code.ToArray(), b.Code.ToArray(), random);
            }
        }
    }

    [Fact]
    public void MinDistance_is_0_for_the_same_code_and_symmetric()
    {
        var random = new Random(11);
        for (var trial = 0; trial < 20; trial++)
        {
            var a = TestWords.Random(random, CodeLayout.Words);
            var b = Moved(a, random.Next(-3, 4), random.Next(-3, 4), random);
            b[random.Next(b.Length)] ^= 0xF0F0F0F0;

            Assert.Equal(0, new ShiftedCode(a).MinDistance(Padded(a, random)));
            Assert.Equal(new ShiftedCode(a).MinDistance(Padded(b, random)), new ShiftedCode(b).MinDistance(Padded(a, random)));
        }
    }

    [Fact]
    public void MinDistance_reports_the_shift_it_found_and_the_near_search_agrees_there()
    {
        var random = new Random(23);
        for (var dx = -3; dx <= 3; dx++)
        {
            for (var dy = -3; dy <= 3; dy++)
            {
                var code = TestWords.Random(random, CodeLayout.Words);
                var candidate = Padded(Moved(code, dx, dy, random), random);
                var shifted = new ShiftedCode(code);

                var distance = shifted.MinDistance(candidate, out var bestDx, out var bestDy);

                Assert.Equal((dx, dy), (bestDx, bestDy));
                Assert.Equal(distance, shifted.MinDistanceNear(candidate, bestDx, bestDy));
            }
        }
    }

    [Fact]
    public void The_near_search_tries_exactly_the_shifts_within_one_cell_that_lie_inside_the_search()
    {
        var random = new Random(29);
        for (var trial = 0; trial < 30; trial++)
        {
            var code = TestWords.Random(random, CodeLayout.Words);
            var candidate = TestWords.Random(random, CodeLayout.Words);
            var (cx, cy) = (random.Next(-3, 4), random.Next(-3, 4));

            var expected = double.PositiveInfinity;
            for (var dx = Math.Max(-3, cx - 1); dx <= Math.Min(3, cx + 1); dx++)
            {
                for (var dy = Math.Max(-3, cy - 1); dy <= Math.Min(3, cy + 1); dy++)
                {
                    expected = Math.Min(expected, ReferenceAt(code, candidate, dx, dy));
                }
            }

            Assert.Equal(expected, new ShiftedCode(code).MinDistanceNear(Padded(candidate, random), cx, cy));
        }
    }

    /// <summary>Checks MinDistance against the reference, with garbage in the candidate's padding; returns the distance.</summary>
    private static double AssertMatchesReference(uint[] code, uint[] candidate, Random random)
    {
        var expected = Reference(code, candidate);
        var actual = new ShiftedCode(code).MinDistance(Padded(candidate, random));
        Assert.Equal(expected, actual);
        return actual;
    }

    /// <summary>
    /// The smallest fraction of differing bits over shifts of up to 3 cells, cell by cell: cell (x, y) of
    /// <paramref name="code"/> meets cell (x + dx, y + dy) of <paramref name="candidate"/>, counted on the overlap.
    /// </summary>
    private static double Reference(uint[] code, uint[] candidate)
    {
        var best = double.PositiveInfinity;
        for (var dx = -3; dx <= 3; dx++)
        {
            for (var dy = -3; dy <= 3; dy++)
            {
                best = Math.Min(best, ReferenceAt(code, candidate, dx, dy));
            }
        }

        return best;
    }

    /// <summary>The fraction of differing bits at one shift, cell by cell, on the overlap.</summary>
    private static double ReferenceAt(uint[] code, uint[] candidate, int dx, int dy)
    {
        var (a, b) = (Cells(code), Cells(candidate));
        int differing = 0, compared = 0;
        for (var y = Math.Max(0, -dy); y < Math.Min(Grid, Grid - dy); y++)
        {
            for (var x = Math.Max(0, -dx); x < Math.Min(Grid, Grid - dx); x++)
            {
                // Each cell holds its planes' bits; count the planes that differ.
                differing += System.Numerics.BitOperations.PopCount((uint)(a[(y * Grid) + x] ^ b[((y + dy) * Grid) + x + dx]));
                compared += Planes;
            }
        }

        return (double)differing / compared;
    }

    /// <summary>The code as one value per cell, row by row, whose bit p is the cell's bit in plane p.</summary>
    private static int[] Cells(uint[] code)
    {
        var cells = new int[Grid * Grid];
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                for (var plane = 0; plane < Planes; plane++)
                {
                    cells[(y * Grid) + x] |= (Bit(code, x, y, plane) ? 1 : 0) << plane;
                }
            }
        }

        return cells;
    }

    private static bool Bit(uint[] code, int x, int y, int plane) => ((code[(y * Planes) + plane] >> x) & 1) != 0;

    /// <summary>A copy in which cell (x, y) of <paramref name="code"/> sits at (x + dx, y + dy); uncovered cells are random.</summary>
    private static uint[] Moved(uint[] code, int dx, int dy, Random random)
    {
        var moved = TestWords.Random(random, code.Length);
        for (var y = 0; y < Grid; y++)
        {
            for (var x = 0; x < Grid; x++)
            {
                int tx = x + dx, ty = y + dy;
                if (tx is < 0 or >= Grid || ty is < 0 or >= Grid)
                {
                    continue;
                }

                for (var plane = 0; plane < Planes; plane++)
                {
                    ref var word = ref moved[(ty * Planes) + plane];
                    word = (word & ~(1u << tx)) | ((Bit(code, x, y, plane) ? 1u : 0) << tx);
                }
            }
        }

        return moved;
    }

    /// <summary>The code followed by <see cref="CodeLayout.Padding"/> words of garbage, which the search must never count.</summary>
    private static uint[] Padded(uint[] code, Random random) => [.. code, .. TestWords.Random(random, CodeLayout.Padding)];
}
