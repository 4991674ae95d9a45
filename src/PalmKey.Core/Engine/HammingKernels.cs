using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace PalmKey.Engine;

/// <summary>
/// Counts the bits that differ between two equally long runs of 32-bit words, within a mask that is
/// the same for every word: the sum of popcount((a[i] ^ b[i]) &amp; mask).
/// </summary>
/// <remarks>
/// .NET 10 exposes no vector popcount instruction, so the vector paths count with the nibble table
/// method: a byte shuffle looks up the bit count of each 4-bit half, and a sum of absolute differences
/// against zero adds the byte counts. The widest path the processor has runs first and narrower ones
/// finish the tail, ending with scalar POPCNT. Each path is public to the tests, which hold every
/// path to <see cref="CountScalar"/> at every length.
/// </remarks>
internal static class HammingKernels
{
    // Byte counts accumulate for at most this many vectors (8 per byte each) before they are widened.
    private const int MaxBatch = 31;

    public static int Count(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask)
    {
        if (Avx512BW.IsSupported)
        {
            return Count512(a, b, mask);
        }

        if (Avx2.IsSupported)
        {
            return Count256(a, b, mask);
        }

        return Ssse3.IsSupported ? Count128(a, b, mask) : CountScalar(a, b, mask);
    }

    public static int CountScalar(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask)
    {
        CheckLengths(a, b);
        var total = 0;
        for (var i = 0; i < a.Length; i++)
        {
            total += BitOperations.PopCount((a[i] ^ b[i]) & mask);
        }

        return total;
    }

    public static int Count512(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask)
    {
        CheckLengths(a, b);
        var whole = a.Length & ~15;
        var total = 0;
        if (whole > 0)
        {
            ref var pa = ref MemoryMarshal.GetReference(a);
            ref var pb = ref MemoryMarshal.GetReference(b);
            var table = Vector512.Create(NibbleCounts);
            var low = Vector512.Create((byte)0x0F);
            var m = Vector512.Create(mask).AsByte();
            var wide = Vector512<ulong>.Zero;
            for (var batchStart = 0; batchStart < whole; batchStart += 16 * MaxBatch)
            {
                var counts = Vector512<byte>.Zero;
                var batchEnd = Math.Min(whole, batchStart + (16 * MaxBatch));
                for (var i = batchStart; i < batchEnd; i += 16)
                {
                    var x = (Vector512.LoadUnsafe(ref pa, (nuint)i) ^ Vector512.LoadUnsafe(ref pb, (nuint)i)).AsByte() & m;
                    counts += Avx512BW.Shuffle(table, x & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                wide += Avx512BW.SumAbsoluteDifferences(counts, Vector512<byte>.Zero).AsUInt64();
            }

            total = (int)Vector512.Sum(wide);
        }

        return total + (Avx2.IsSupported ? Count256(a[whole..], b[whole..], mask) : CountScalar(a[whole..], b[whole..], mask));
    }

    public static int Count256(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask)
    {
        CheckLengths(a, b);
        var whole = a.Length & ~7;
        var total = 0;
        if (whole > 0)
        {
            ref var pa = ref MemoryMarshal.GetReference(a);
            ref var pb = ref MemoryMarshal.GetReference(b);
            var table = Vector256.Create(Vector128.Create(NibbleCounts[..16]));
            var low = Vector256.Create((byte)0x0F);
            var m = Vector256.Create(mask).AsByte();
            var wide = Vector256<ulong>.Zero;
            for (var batchStart = 0; batchStart < whole; batchStart += 8 * MaxBatch)
            {
                var counts = Vector256<byte>.Zero;
                var batchEnd = Math.Min(whole, batchStart + (8 * MaxBatch));
                for (var i = batchStart; i < batchEnd; i += 8)
                {
                    var x = (Vector256.LoadUnsafe(ref pa, (nuint)i) ^ Vector256.LoadUnsafe(ref pb, (nuint)i)).AsByte() & m;
                    counts += Avx2.Shuffle(table, x & low) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                wide += Avx2.SumAbsoluteDifferences(counts, Vector256<byte>.Zero).AsUInt64();
            }

            total = (int)Vector256.Sum(wide);
        }

        return total + (Ssse3.IsSupported ? Count128(a[whole..], b[whole..], mask) : CountScalar(a[whole..], b[whole..], mask));
    }

    public static int Count128(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask)
    {
        CheckLengths(a, b);
        var whole = a.Length & ~3;
        var total = 0;
        if (whole > 0)
        {
            ref var pa = ref MemoryMarshal.GetReference(a);
            ref var pb = ref MemoryMarshal.GetReference(b);
            var table = Vector128.Create(NibbleCounts[..16]);
            var low = Vector128.Create((byte)0x0F);
            var m = Vector128.Create(mask).AsByte();
            var wide = Vector128<ulong>.Zero;
            for (var batchStart = 0; batchStart < whole; batchStart += 4 * MaxBatch)
            {
                var counts = Vector128<byte>.Zero;
                var batchEnd = Math.Min(whole, batchStart + (4 * MaxBatch));
                for (var i = batchStart; i < batchEnd; i += 4)
                {
                    var x = (Vector128.LoadUnsafe(ref pa, (nuint)i) ^ Vector128.LoadUnsafe(ref pb, (nuint)i)).AsByte() & m;
                    counts += Ssse3.Shuffle(table, x & low) + Ssse3.Shuffle(table, Vector128.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                wide += Sse2.SumAbsoluteDifferences(counts, Vector128<byte>.Zero).AsUInt64();
            }

            total = (int)Vector128.Sum(wide);
        }

        return total + CountScalar(a[whole..], b[whole..], mask);
    }

    /// <summary>The bit count of each value 0..15, repeated for every 16-byte lane of a 64-byte vector.</summary>
    public static ReadOnlySpan<byte> NibbleCounts =>
    [
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
        0, 1, 1, 2, 1, 2, 2, 3, 1, 2, 2, 3, 2, 3, 3, 4,
    ];

    private static void CheckLengths(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException($"The runs differ in length ({a.Length} and {b.Length} words).", nameof(b));
        }
    }
}
