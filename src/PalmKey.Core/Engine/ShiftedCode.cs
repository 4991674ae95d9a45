using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PalmKey.Engine;

/// <summary>
/// A code prepared for the translation search: one copy per horizontal shift, with the columns that
/// shifted out cleared, so that each (dx, dy) comparison is one masked Hamming count over a contiguous
/// run of rows. Immutable and safe to share between threads.
/// </summary>
internal sealed class ShiftedCode
{
    private const int Shifts = (2 * CodeLayout.MaxShift) + 1;

    // Shift dx's copy starts at (dx + MaxShift) * PaddedWords and ends in Padding zero words.
    private readonly uint[] _shifted = new uint[Shifts * CodeLayout.PaddedWords];
    private readonly uint[] _masks = new uint[Shifts];

    public ShiftedCode(ReadOnlySpan<uint> code)
    {
        for (var dx = -CodeLayout.MaxShift; dx <= CodeLayout.MaxShift; dx++)
        {
            var mask = dx >= 0 ? uint.MaxValue << dx : uint.MaxValue >> -dx;
            var target = _shifted.AsSpan((dx + CodeLayout.MaxShift) * CodeLayout.PaddedWords, CodeLayout.Words);
            for (var i = 0; i < CodeLayout.Words; i++)
            {
                target[i] = (dx >= 0 ? code[i] << dx : code[i] >> -dx) & mask;
            }

            _masks[dx + CodeLayout.MaxShift] = mask;
        }
    }

    /// <summary>
    /// The smallest fraction of differing bits between this code and <paramref name="candidate"/> over
    /// all shifts of up to <see cref="CodeLayout.MaxShift"/> cells, counted on the overlap only.
    /// Cell (x, y) of this code meets cell (x + dx, y + dy) of the candidate. Exactly symmetric:
    /// swapping the two codes swaps the sign of the best shift and gives the same value.
    /// </summary>
    /// <param name="candidate">A code followed by <see cref="CodeLayout.Padding"/> readable words.</param>
    public double MinDistance(uint[] candidate) => MinDistance(candidate, out _, out _);

    /// <inheritdoc cref="MinDistance(uint[])"/>
    /// <param name="candidate">A code followed by <see cref="CodeLayout.Padding"/> readable words.</param>
    /// <param name="bestDx">The horizontal shift of the smallest distance (the first found on a tie).</param>
    /// <param name="bestDy">Its vertical shift.</param>
    public double MinDistance(uint[] candidate, out int bestDx, out int bestDy) =>
        Search(candidate, -CodeLayout.MaxShift, CodeLayout.MaxShift, -CodeLayout.MaxShift, CodeLayout.MaxShift, out bestDx, out bestDy);

    /// <summary>
    /// <see cref="MinDistance(uint[])"/> restricted to the shifts within one cell of (dx, dy): at most
    /// 9 of the 49. For a variant of a probe whose untouched code already found the alignment.
    /// </summary>
    /// <param name="candidate">A code followed by <see cref="CodeLayout.Padding"/> readable words.</param>
    /// <param name="dx">The centre of the search, horizontally.</param>
    /// <param name="dy">The centre of the search, vertically.</param>
    public double MinDistanceNear(uint[] candidate, int dx, int dy) =>
        Search(
            candidate,
            Math.Max(-CodeLayout.MaxShift, dx - 1),
            Math.Min(CodeLayout.MaxShift, dx + 1),
            Math.Max(-CodeLayout.MaxShift, dy - 1),
            Math.Min(CodeLayout.MaxShift, dy + 1),
            out _,
            out _);

    private double Search(uint[] candidate, int firstDx, int lastDx, int firstDy, int lastDy, out int bestDx, out int bestDy)
    {
        // Compare fractions as integers (diff1 * n2 < diff2 * n1) so that the result does not depend on rounding.
        long bestDiff = 1, bestCount = 1;
        bestDx = bestDy = 0;
        for (var dx = firstDx; dx <= lastDx; dx++)
        {
            var shiftedStart = (dx + CodeLayout.MaxShift) * CodeLayout.PaddedWords;
            var mask = _masks[dx + CodeLayout.MaxShift];
            var columns = CodeLayout.Grid - Math.Abs(dx);
            for (var dy = firstDy; dy <= lastDy; dy++)
            {
                var first = Math.Max(0, -dy);
                var rows = CodeLayout.Grid - Math.Abs(dy);
                var length = rows * CodeLayout.Planes;
                var diff = Avx512BW.IsSupported
                    ? CountPadded512(ref _shifted[shiftedStart + (first * CodeLayout.Planes)], ref candidate[(first + dy) * CodeLayout.Planes], length, mask)
                    : HammingKernels.Count(
                        _shifted.AsSpan(shiftedStart + (first * CodeLayout.Planes), length),
                        candidate.AsSpan((first + dy) * CodeLayout.Planes, length),
                        mask);
                long count = rows * columns * CodeLayout.Planes;
                if (diff * bestCount < bestDiff * count)
                {
                    bestDiff = diff;
                    bestCount = count;
                    bestDx = dx;
                    bestDy = dy;
                }
            }
        }

        return (double)bestDiff / bestCount;
    }

    /// <summary>
    /// <see cref="HammingKernels.Count"/> for runs of at most 31 vectors that may be over-read by up to
    /// 15 words: the partial last vector is loaded whole and its extra words masked off, which keeps
    /// the loop free of scalar tails.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static int CountPadded512(ref uint a, ref uint b, int length, uint mask)
    {
        var table = Vector512.Create(HammingKernels.NibbleCounts);
        var low = Vector512.Create((byte)0x0F);
        var m = Vector512.Create(mask);
        var counts = Vector512<byte>.Zero;
        var i = 0;
        for (; i + 16 <= length; i += 16)
        {
            var x = Avx512F.TernaryLogic(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), m, 0x28).AsByte();
            counts += Avx512BW.Shuffle(table, x & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        }

        if (i < length)
        {
            var tail = m & Vector512.LessThan(Vector512<uint>.Indices, Vector512.Create((uint)(length - i)));
            var x = Avx512F.TernaryLogic(Vector512.LoadUnsafe(ref a, (nuint)i), Vector512.LoadUnsafe(ref b, (nuint)i), tail, 0x28).AsByte();
            counts += Avx512BW.Shuffle(table, x & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
        }

        return (int)Vector512.Sum(Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64());
    }
}
