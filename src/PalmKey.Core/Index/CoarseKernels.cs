using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The first-stage scan: the Hamming distance between every stored coarse code and each probe
/// variant, keeping per code the smallest distance and the variant that gave it.
/// </summary>
/// <remarks>
/// <para>
/// Coarse codes are stored transposed in blocks of <see cref="Lanes"/> codes: word w of the code in
/// lane j of block b is element (b * Words + w) * Lanes + j. One 512-bit load then holds the same word
/// of 16 codes, the probe word is broadcast against it, and the 16 distances build up in 32-bit lanes
/// with no horizontal sums. Bits are counted with the nibble table (.NET 10 exposes no vector popcount):
/// per-byte counts add up over the 8 words (at most 64 per byte) and two multiply-adds widen them.
/// </para>
/// <para>
/// A result is (distance &lt;&lt; 8) | variant, so that comparing results compares distances. Ties keep
/// the first variant. The widest path runs where the processor has it: Vector512 (AVX-512BW) over whole
/// blocks, Vector256 (AVX2) over half blocks, Vector128 (SSSE3) over quarter blocks, else scalar. Each
/// path is public to the tests, which hold it to <see cref="ScanScalar"/> at every length.
/// </para>
/// </remarks>
internal static class CoarseKernels
{
    /// <summary>Codes per block.</summary>
    public const int Lanes = 16;

    /// <summary>Words per code.</summary>
    public const int Words = CoarseCode.Words;

    /// <summary>Elements of one block.</summary>
    public const int BlockLength = Lanes * Words;

    /// <summary>The most probe variants a scan can tell apart in a result's low byte.</summary>
    public const int MaxVariants = 256;

    public static void Scan(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        if (Avx512BW.IsSupported)
        {
            Scan512(blocks, count, variants, results);
        }
        else if (Avx2.IsSupported)
        {
            Scan256(blocks, count, variants, results);
        }
        else if (Ssse3.IsSupported)
        {
            Scan128(blocks, count, variants, results);
        }
        else
        {
            ScanScalar(blocks, count, variants, results);
        }
    }

    /// <summary>The reference: one code and one word at a time.</summary>
    public static void ScanScalar(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        var variantCount = Check(blocks, count, variants, results);
        for (var i = 0; i < count; i++)
        {
            var block = blocks.Slice((i / Lanes) * BlockLength, BlockLength);
            var lane = i % Lanes;
            var best = uint.MaxValue;
            for (var v = 0; v < variantCount; v++)
            {
                var distance = 0u;
                for (var w = 0; w < Words; w++)
                {
                    distance += (uint)BitOperations.PopCount(block[(w * Lanes) + lane] ^ variants[(v * Words) + w]);
                }

                var packed = (distance << 8) | (uint)v;
                if ((packed >> 8) < (best >> 8))
                {
                    best = packed;
                }
            }

            results[i] = best;
        }
    }

    public static void Scan512(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        var variantCount = Check(blocks, count, variants, results);
        ref var g0 = ref MemoryMarshal.GetReference(blocks);
        ref var p0 = ref MemoryMarshal.GetReference(variants);
        var table = Vector512.Create(HammingKernels.NibbleCounts);
        var low = Vector512.Create((byte)0x0F);
        var byteOnes = Vector512.Create((sbyte)1);
        var shortOnes = Vector512.Create((short)1);
        Span<uint> tail = stackalloc uint[Lanes];
        for (var start = 0; start < count; start += Lanes)
        {
            ref var g = ref Unsafe.Add(ref g0, start * Words);
            var best = Vector512.Create(uint.MaxValue);
            var argument = Vector512<uint>.Zero;
            for (var v = 0; v < variantCount; v++)
            {
                ref var p = ref Unsafe.Add(ref p0, v * Words);

                // Carry-save adders fold the 8 words into bit planes of weight 1, 2, 4 and 8
                // (Harley-Seal), so that only 4 vectors need the nibble table instead of 8.
                var (twosA, ones) = HalfAdd(Word(ref g, ref p, 0), Word(ref g, ref p, 1));
                (var twosB, ones) = FullAdd(ones, Word(ref g, ref p, 2), Word(ref g, ref p, 3));
                var (foursA, twos) = HalfAdd(twosA, twosB);
                (twosA, ones) = FullAdd(ones, Word(ref g, ref p, 4), Word(ref g, ref p, 5));
                (twosB, ones) = FullAdd(ones, Word(ref g, ref p, 6), Word(ref g, ref p, 7));
                (var foursB, twos) = FullAdd(twos, twosA, twosB);
                var (eights, fours) = HalfAdd(foursA, foursB);

                // Per-byte counts, weighted by Horner's rule: at most 8*8 + 4*8 + 2*8 + 8 = 120 per byte.
                var counts = Count(eights, table, low);
                counts = counts + counts + Count(fours, table, low);
                counts = counts + counts + Count(twos, table, low);
                counts = counts + counts + Count(ones, table, low);
                var distance = Avx512BW.MultiplyAddAdjacent(Avx512BW.MultiplyAddAdjacent(counts, byteOnes), shortOnes).AsUInt32();
                var better = Vector512.LessThan(distance, best);
                best = Vector512.ConditionalSelect(better, distance, best);
                argument = Vector512.ConditionalSelect(better, Vector512.Create((uint)v), argument);
            }

            Store(Vector512.ShiftLeft(best, 8) | argument, results, start, count, tail);
        }
    }

    public static void Scan256(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        const int Width = 8;
        var variantCount = Check(blocks, count, variants, results);
        ref var g0 = ref MemoryMarshal.GetReference(blocks);
        ref var p0 = ref MemoryMarshal.GetReference(variants);
        var table = Vector256.Create(Vector128.Create(HammingKernels.NibbleCounts[..16]));
        var low = Vector256.Create((byte)0x0F);
        var byteOnes = Vector256.Create((sbyte)1);
        var shortOnes = Vector256.Create((short)1);
        Span<uint> tail = stackalloc uint[Width];
        for (var start = 0; start < count; start += Width)
        {
            // Half h of block b starts at lane 8h of the block's first word.
            ref var g = ref Unsafe.Add(ref g0, ((start / Lanes) * BlockLength) + (start % Lanes));
            var best = Vector256.Create(uint.MaxValue);
            var argument = Vector256<uint>.Zero;
            for (var v = 0; v < variantCount; v++)
            {
                ref var p = ref Unsafe.Add(ref p0, v * Words);
                var counts = Vector256<byte>.Zero;
                for (var w = 0; w < Words; w++)
                {
                    var x = (Vector256.LoadUnsafe(ref g, (nuint)(w * Lanes)) ^ Vector256.Create(Unsafe.Add(ref p, w))).AsByte();
                    counts += Avx2.Shuffle(table, x & low) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                var distance = Avx2.MultiplyAddAdjacent(Avx2.MultiplyAddAdjacent(counts, byteOnes), shortOnes).AsUInt32();
                var better = Vector256.LessThan(distance, best);
                best = Vector256.ConditionalSelect(better, distance, best);
                argument = Vector256.ConditionalSelect(better, Vector256.Create((uint)v), argument);
            }

            Store(Vector256.ShiftLeft(best, 8) | argument, results, start, count, tail);
        }
    }

    public static void Scan128(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        const int Width = 4;
        var variantCount = Check(blocks, count, variants, results);
        ref var g0 = ref MemoryMarshal.GetReference(blocks);
        ref var p0 = ref MemoryMarshal.GetReference(variants);
        var table = Vector128.Create(HammingKernels.NibbleCounts[..16]);
        var low = Vector128.Create((byte)0x0F);
        var byteOnes = Vector128.Create((sbyte)1);
        var shortOnes = Vector128.Create((short)1);
        Span<uint> tail = stackalloc uint[Width];
        for (var start = 0; start < count; start += Width)
        {
            ref var g = ref Unsafe.Add(ref g0, ((start / Lanes) * BlockLength) + (start % Lanes));
            var best = Vector128.Create(uint.MaxValue);
            var argument = Vector128<uint>.Zero;
            for (var v = 0; v < variantCount; v++)
            {
                ref var p = ref Unsafe.Add(ref p0, v * Words);
                var counts = Vector128<byte>.Zero;
                for (var w = 0; w < Words; w++)
                {
                    var x = (Vector128.LoadUnsafe(ref g, (nuint)(w * Lanes)) ^ Vector128.Create(Unsafe.Add(ref p, w))).AsByte();
                    counts += Ssse3.Shuffle(table, x & low) + Ssse3.Shuffle(table, Vector128.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                var distance = Sse2.MultiplyAddAdjacent(Ssse3.MultiplyAddAdjacent(counts, byteOnes), shortOnes).AsUInt32();
                var better = Vector128.LessThan(distance, best);
                best = Vector128.ConditionalSelect(better, distance, best);
                argument = Vector128.ConditionalSelect(better, Vector128.Create((uint)v), argument);
            }

            Store(Vector128.ShiftLeft(best, 8) | argument, results, start, count, tail);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Word(ref uint blockWords, ref uint variantWords, int w) =>
        Vector512.LoadUnsafe(ref blockWords, (nuint)(w * Lanes)) ^ Vector512.Create(Unsafe.Add(ref variantWords, w));

    /// <summary>The carry and sum bits of a + b.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint> Carry, Vector512<uint> Sum) HalfAdd(Vector512<uint> a, Vector512<uint> b) => (a & b, a ^ b);

    /// <summary>The carry (majority, truth table 0xE8) and sum (parity, 0x96) bits of a + b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint> Carry, Vector512<uint> Sum) FullAdd(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) =>
        (Avx512F.TernaryLogic(a, b, c, 0xE8), Avx512F.TernaryLogic(a, b, c, 0x96));

    /// <summary>The number of set bits in each byte of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Count(Vector512<uint> x, Vector512<byte> table, Vector512<byte> low) =>
        Avx512BW.Shuffle(table, x.AsByte() & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<uint> packed, Span<uint> results, int start, int count, Span<uint> tail)
    {
        if (count - start >= Vector512<uint>.Count)
        {
            packed.StoreUnsafe(ref results[start]);
        }
        else
        {
            packed.CopyTo(tail);
            tail[..(count - start)].CopyTo(results[start..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector256<uint> packed, Span<uint> results, int start, int count, Span<uint> tail)
    {
        if (count - start >= Vector256<uint>.Count)
        {
            packed.StoreUnsafe(ref results[start]);
        }
        else
        {
            packed.CopyTo(tail);
            tail[..(count - start)].CopyTo(results[start..]);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector128<uint> packed, Span<uint> results, int start, int count, Span<uint> tail)
    {
        if (count - start >= Vector128<uint>.Count)
        {
            packed.StoreUnsafe(ref results[start]);
        }
        else
        {
            packed.CopyTo(tail);
            tail[..(count - start)].CopyTo(results[start..]);
        }
    }

    private static int Check(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        var variantCount = variants.Length / Words;
        if (variants.Length % Words != 0 || variantCount < 1 || variantCount > MaxVariants)
        {
            throw new ArgumentException($"Variants must be 1 to {MaxVariants} codes of {Words} words; got {variants.Length} words.", nameof(variants));
        }

        if (blocks.Length < (count + Lanes - 1) / Lanes * BlockLength)
        {
            throw new ArgumentException($"{count} codes need {(count + Lanes - 1) / Lanes} whole blocks; the span holds {blocks.Length} words.", nameof(blocks));
        }

        if (results.Length < count)
        {
            throw new ArgumentException($"Room for {count} results is needed; the span holds {results.Length}.", nameof(results));
        }

        return variantCount;
    }
}
