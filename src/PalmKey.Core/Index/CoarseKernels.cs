using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The first-stage scan: the Hamming distance between every stored coarse code and each probe
/// variant, over the code's <see cref="CoarseCode.Bits"/> bits, keeping per code the two smallest
/// distances and the variants that gave them.
/// </summary>
/// <remarks>
/// <para>
/// Coarse codes are stored byte-transposed in blocks of <see cref="Lanes"/> codes: byte k of the code in
/// lane j of a block is byte k * Lanes + j of the block (<see cref="ByteIndex"/>). One 512-bit load then
/// holds the same byte of 64 codes, and XOR with that byte of a probe variant (repeated in every byte)
/// leaves each code's differing bits in its own byte. A carry-save adder tree (Harley-Seal) folds the
/// 31 bytes that hold code bits into bit planes of weight 1 to 16, and the nibble table (.NET 10 exposes
/// no vector popcount) counts each plane per byte, so each code's distance (at most 243) builds up in
/// its own byte with no widening or horizontal sums. Against the earlier layout (16 codes per block in
/// 32-bit lanes, 4 bit planes counted per 16 codes) this took about 10 ms off a search of a million
/// captures, about a third of the scan (docs/benchmarks.md, fifth round).
/// </para>
/// <para>
/// A result is (distance &lt;&lt; 8) | variant, so that comparing results compares distances. Ties keep
/// the first variant. Besides the best result, a scan writes the second best (the smallest distance
/// over the other variants; <see cref="NoResult"/> where there is one variant only): the refine stage
/// also looks near it, because the best of 48 close variants is sometimes a few cells or a rotation
/// away from the palm's true alignment while the second is next to it (docs/benchmarks.md, sixth
/// round). The widest path runs where the processor has it: Vector512 (AVX-512BW) over whole blocks,
/// Vector256 (AVX2) over half blocks, Vector128 (SSSE3) over quarter blocks, else scalar. Each path
/// is public to the tests, which hold it to <see cref="ScanScalar"/> at every length.
/// </para>
/// </remarks>
internal static class CoarseKernels
{
    /// <summary>Codes per block.</summary>
    public const int Lanes = 64;

    /// <summary>Words per code.</summary>
    public const int Words = CoarseCode.Words;

    /// <summary>Words (32-bit) of one block.</summary>
    public const int BlockLength = Lanes * Words;

    /// <summary>The most probe variants a scan can tell apart in a result's low byte.</summary>
    public const int MaxVariants = 256;

    /// <summary>The second result of a scan with one variant: a distance of 255, which no code reaches.</summary>
    public const uint NoResult = byte.MaxValue << 8;

    /// <summary>Bytes of a code that hold code bits; the last of them holds <see cref="LastByteBits"/>.</summary>
    private const int UsedBytes = (CoarseCode.Bits + 7) / 8;

    /// <summary>The code bits in byte <see cref="UsedBytes"/> - 1.</summary>
    private const int LastByteBits = CoarseCode.Bits - ((UsedBytes - 1) * 8);

    /// <summary>The code bits of the last used byte, in every byte of a word.</summary>
    private const uint LastByteMask = ((1u << LastByteBits) - 1) * 0x01010101u;

    /// <summary>Where byte <paramref name="k"/> of code <paramref name="code"/> lies in the blocks, as a byte index.</summary>
    public static int ByteIndex(int code, int k) => (code / Lanes * BlockLength * sizeof(uint)) + (k * Lanes) + (code % Lanes);

    /// <summary>Writes a coarse code into its lane of the byte-transposed blocks.</summary>
    public static void Set(Span<uint> blocks, int code, ReadOnlySpan<uint> coarse)
    {
        var bytes = MemoryMarshal.AsBytes(blocks);
        for (var k = 0; k < Words * sizeof(uint); k++)
        {
            bytes[ByteIndex(code, k)] = (byte)(coarse[k / sizeof(uint)] >> (8 * (k % sizeof(uint))));
        }
    }

    /// <summary>Reads a coarse code from its lane of the byte-transposed blocks.</summary>
    public static void Get(ReadOnlySpan<uint> blocks, int code, Span<uint> coarse)
    {
        var bytes = MemoryMarshal.AsBytes(blocks);
        coarse[..Words].Clear();
        for (var k = 0; k < Words * sizeof(uint); k++)
        {
            coarse[k / sizeof(uint)] |= (uint)bytes[ByteIndex(code, k)] << (8 * (k % sizeof(uint)));
        }
    }

    /// <summary>
    /// Writes the best and second-best result of each of the first <paramref name="count"/> codes of
    /// <paramref name="blocks"/> against <paramref name="variants"/> (1 to <see cref="MaxVariants"/>
    /// codes of <see cref="Words"/> words) into <paramref name="results"/> and <paramref name="seconds"/>.
    /// </summary>
    /// <exception cref="ArgumentException">A span is too short, or the variants are not whole codes.</exception>
    public static void Scan(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
    {
        if (Avx512BW.IsSupported)
        {
            Scan512(blocks, count, variants, results, seconds);
        }
        else if (Avx2.IsSupported)
        {
            Scan256(blocks, count, variants, results, seconds);
        }
        else if (Ssse3.IsSupported)
        {
            Scan128(blocks, count, variants, results, seconds);
        }
        else
        {
            ScanScalar(blocks, count, variants, results, seconds);
        }
    }

    /// <summary>The reference: one code and one word at a time.</summary>
    public static void ScanScalar(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
    {
        var variantCount = Check(blocks, count, variants, results, seconds);
        Span<uint> code = stackalloc uint[Words];
        for (var i = 0; i < count; i++)
        {
            Get(blocks, i, code);
            var best = NoResult;
            var second = NoResult;
            for (var v = 0; v < variantCount; v++)
            {
                var distance = 0u;
                for (var w = 0; w < Words; w++)
                {
                    var used = Math.Clamp(CoarseCode.Bits - (32 * w), 0, 32);
                    var mask = used == 32 ? uint.MaxValue : (1u << used) - 1;
                    distance += (uint)BitOperations.PopCount((code[w] ^ variants[(v * Words) + w]) & mask);
                }

                var packed = (distance << 8) | (uint)v;
                if ((packed >> 8) < (best >> 8))
                {
                    second = best;
                    best = packed;
                }
                else if ((packed >> 8) < (second >> 8))
                {
                    second = packed;
                }
            }

            results[i] = best;
            seconds[i] = second;
        }
    }

    public static void Scan512(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
    {
        var variantCount = Check(blocks, count, variants, results, seconds);
        Span<uint> repeated = stackalloc uint[variantCount * UsedBytes];
        Repeat(variants, variantCount, repeated);
        ref var g0 = ref MemoryMarshal.GetReference(blocks);
        ref var r0 = ref MemoryMarshal.GetReference(repeated);
        var table = Vector512.Create(HammingKernels.NibbleCounts);
        var low = Vector512.Create((byte)0x0F);
        Span<uint> tail = stackalloc uint[Lanes];
        for (var start = 0; start < count; start += Lanes)
        {
            ref var g = ref Unsafe.Add(ref g0, start * Words);
            var best = Vector512.Create(byte.MaxValue);
            var argument = Vector512<byte>.Zero;
            var second = best;
            var secondArgument = argument;
            for (var v = 0; v < variantCount; v++)
            {
                ref var r = ref Unsafe.Add(ref r0, v * UsedBytes);
                var ones = Vector512<uint>.Zero;
                var twos = Vector512<uint>.Zero;
                var fours = Vector512<uint>.Zero;
                var eights = Vector512<uint>.Zero;
                var sixteensA = Sixteen(ref g, ref r, 0, false, ref ones, ref twos, ref fours, ref eights);
                var sixteensB = Sixteen(ref g, ref r, 16, true, ref ones, ref twos, ref fours, ref eights);

                // Per-byte counts, weighted by Horner's rule: at most 243 per byte, the code's bits.
                var distance = Count(sixteensA, table, low) + Count(sixteensB, table, low);
                distance = distance + distance + Count(eights, table, low);
                distance = distance + distance + Count(fours, table, low);
                distance = distance + distance + Count(twos, table, low);
                distance = distance + distance + Count(ones, table, low);
                var variant = Vector512.Create((byte)v);
                var better = Vector512.LessThan(distance, best);
                var betterThanSecond = Vector512.LessThan(distance, second);
                second = Vector512.ConditionalSelect(better, best, Vector512.Min(distance, second));
                secondArgument = Vector512.ConditionalSelect(better, argument, Vector512.ConditionalSelect(betterThanSecond, variant, secondArgument));
                best = Vector512.Min(distance, best);
                argument = Vector512.ConditionalSelect(better, variant, argument);
            }

            Store(best, argument, results, start, count, tail);
            Store(second, secondArgument, seconds, start, count, tail);
        }
    }

    public static void Scan256(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
    {
        const int Width = 32;
        var variantCount = Check(blocks, count, variants, results, seconds);
        ref var g0 = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(blocks));
        var table = Vector256.Create(Vector128.Create(HammingKernels.NibbleCounts[..16]));
        var low = Vector256.Create((byte)0x0F);
        var lastMask = Vector256.Create(LastByteMask).AsByte();
        Span<uint> repeated = stackalloc uint[variantCount * UsedBytes];
        Repeat(variants, variantCount, repeated);
        Span<byte> distances = stackalloc byte[Width];
        Span<byte> arguments = stackalloc byte[Width];
        for (var start = 0; start < count; start += Width)
        {
            // Half h of block b starts at byte 32h of each of the block's byte rows.
            ref var g = ref Unsafe.Add(ref g0, ByteIndex(start, 0));
            var bestSoFar = Vector256.Create(byte.MaxValue);
            var argumentSoFar = Vector256<byte>.Zero;
            var secondSoFar = bestSoFar;
            var secondArgumentSoFar = argumentSoFar;
            for (var v = 0; v < variantCount; v++)
            {
                var distance = Vector256<byte>.Zero;
                for (var k = 0; k < UsedBytes; k++)
                {
                    var x = Vector256.LoadUnsafe(ref g, (nuint)(k * Lanes)) ^ Vector256.Create(repeated[(v * UsedBytes) + k]).AsByte();
                    x = k == UsedBytes - 1 ? x & lastMask : x;
                    distance += Avx2.Shuffle(table, x & low) + Avx2.Shuffle(table, Vector256.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                var variant = Vector256.Create((byte)v);
                var better = Vector256.LessThan(distance, bestSoFar);
                var betterThanSecond = Vector256.LessThan(distance, secondSoFar);
                secondSoFar = Vector256.ConditionalSelect(better, bestSoFar, Vector256.Min(distance, secondSoFar));
                secondArgumentSoFar = Vector256.ConditionalSelect(better, argumentSoFar, Vector256.ConditionalSelect(betterThanSecond, variant, secondArgumentSoFar));
                bestSoFar = Vector256.Min(distance, bestSoFar);
                argumentSoFar = Vector256.ConditionalSelect(better, variant, argumentSoFar);
            }

            bestSoFar.CopyTo(distances);
            argumentSoFar.CopyTo(arguments);
            StoreScalar(distances, arguments, results, start, count);
            secondSoFar.CopyTo(distances);
            secondArgumentSoFar.CopyTo(arguments);
            StoreScalar(distances, arguments, seconds, start, count);
        }
    }

    public static void Scan128(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
    {
        const int Width = 16;
        var variantCount = Check(blocks, count, variants, results, seconds);
        ref var g0 = ref Unsafe.As<uint, byte>(ref MemoryMarshal.GetReference(blocks));
        var table = Vector128.Create(HammingKernels.NibbleCounts[..16]);
        var low = Vector128.Create((byte)0x0F);
        var lastMask = Vector128.Create(LastByteMask).AsByte();
        Span<uint> repeated = stackalloc uint[variantCount * UsedBytes];
        Repeat(variants, variantCount, repeated);
        Span<byte> distances = stackalloc byte[Width];
        Span<byte> arguments = stackalloc byte[Width];
        for (var start = 0; start < count; start += Width)
        {
            ref var g = ref Unsafe.Add(ref g0, ByteIndex(start, 0));
            var bestSoFar = Vector128.Create(byte.MaxValue);
            var argumentSoFar = Vector128<byte>.Zero;
            var secondSoFar = bestSoFar;
            var secondArgumentSoFar = argumentSoFar;
            for (var v = 0; v < variantCount; v++)
            {
                var distance = Vector128<byte>.Zero;
                for (var k = 0; k < UsedBytes; k++)
                {
                    var x = Vector128.LoadUnsafe(ref g, (nuint)(k * Lanes)) ^ Vector128.Create(repeated[(v * UsedBytes) + k]).AsByte();
                    x = k == UsedBytes - 1 ? x & lastMask : x;
                    distance += Ssse3.Shuffle(table, x & low) + Ssse3.Shuffle(table, Vector128.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);
                }

                var variant = Vector128.Create((byte)v);
                var better = Vector128.LessThan(distance, bestSoFar);
                var betterThanSecond = Vector128.LessThan(distance, secondSoFar);
                secondSoFar = Vector128.ConditionalSelect(better, bestSoFar, Vector128.Min(distance, secondSoFar));
                secondArgumentSoFar = Vector128.ConditionalSelect(better, argumentSoFar, Vector128.ConditionalSelect(betterThanSecond, variant, secondArgumentSoFar));
                bestSoFar = Vector128.Min(distance, bestSoFar);
                argumentSoFar = Vector128.ConditionalSelect(better, variant, argumentSoFar);
            }

            bestSoFar.CopyTo(distances);
            argumentSoFar.CopyTo(arguments);
            StoreScalar(distances, arguments, results, start, count);
            secondSoFar.CopyTo(distances);
            secondArgumentSoFar.CopyTo(arguments);
            StoreScalar(distances, arguments, seconds, start, count);
        }
    }

    /// <summary>Each used byte of each variant repeated into all four bytes of a word, for broadcasts: made once per scan, not per block.</summary>
    private static void Repeat(ReadOnlySpan<uint> variants, int variantCount, Span<uint> repeated)
    {
        for (var v = 0; v < variantCount; v++)
        {
            for (var k = 0; k < UsedBytes; k++)
            {
                repeated[(v * UsedBytes) + k] = VariantByte(variants, v, k) * 0x01010101u;
            }
        }
    }

    private static byte VariantByte(ReadOnlySpan<uint> variants, int v, int k) => (byte)(variants[(v * Words) + (k / sizeof(uint))] >> (8 * (k % sizeof(uint))));

    /// <summary>
    /// Folds 16 of the XORed byte rows, from row <paramref name="first"/>, into the running planes of
    /// weight 1, 2, 4 and 8 and returns the carries of weight 16. With <paramref name="last"/>, row 30
    /// keeps only the code's bits and row 31, which holds none, counts as zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Sixteen(ref uint block, ref uint repeated, int first, bool last, ref Vector512<uint> ones, ref Vector512<uint> twos, ref Vector512<uint> fours, ref Vector512<uint> eights)
    {
        var (twosA, o) = FullAdd(ones, Row(ref block, ref repeated, first), Row(ref block, ref repeated, first + 1));
        (var twosB, o) = FullAdd(o, Row(ref block, ref repeated, first + 2), Row(ref block, ref repeated, first + 3));
        var (foursA, t) = FullAdd(twos, twosA, twosB);
        (twosA, o) = FullAdd(o, Row(ref block, ref repeated, first + 4), Row(ref block, ref repeated, first + 5));
        (twosB, o) = FullAdd(o, Row(ref block, ref repeated, first + 6), Row(ref block, ref repeated, first + 7));
        (var foursB, t) = FullAdd(t, twosA, twosB);
        var (eightsA, f) = FullAdd(fours, foursA, foursB);
        (twosA, o) = FullAdd(o, Row(ref block, ref repeated, first + 8), Row(ref block, ref repeated, first + 9));
        (twosB, o) = FullAdd(o, Row(ref block, ref repeated, first + 10), Row(ref block, ref repeated, first + 11));
        (foursA, t) = FullAdd(t, twosA, twosB);
        var row14 = Row(ref block, ref repeated, first + 14);
        var row15 = last ? Vector512<uint>.Zero : Row(ref block, ref repeated, first + 15);
        (twosA, o) = FullAdd(o, Row(ref block, ref repeated, first + 12), Row(ref block, ref repeated, first + 13));
        (twosB, o) = FullAdd(o, last ? row14 & Vector512.Create(LastByteMask) : row14, row15);
        (foursB, t) = FullAdd(t, twosA, twosB);
        (var eightsB, f) = FullAdd(f, foursA, foursB);
        var (sixteens, e) = FullAdd(eights, eightsA, eightsB);
        ones = o;
        twos = t;
        fours = f;
        eights = e;
        return sixteens;
    }

    /// <summary>Byte row k of a block XOR the variant's byte k in every byte.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<uint> Row(ref uint block, ref uint repeated, int k) =>
        Vector512.LoadUnsafe(ref block, (nuint)(k * Lanes / sizeof(uint))) ^ Vector512.Create(Unsafe.Add(ref repeated, k));

    /// <summary>The carry (majority, truth table 0xE8) and sum (parity, 0x96) bits of a + b + c.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<uint> Carry, Vector512<uint> Sum) FullAdd(Vector512<uint> a, Vector512<uint> b, Vector512<uint> c) =>
        (Avx512F.TernaryLogic(a, b, c, 0xE8), Avx512F.TernaryLogic(a, b, c, 0x96));

    /// <summary>The number of set bits in each byte of <paramref name="x"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<byte> Count(Vector512<uint> x, Vector512<byte> table, Vector512<byte> low) =>
        Avx512BW.Shuffle(table, x.AsByte() & low) + Avx512BW.Shuffle(table, Vector512.ShiftRightLogical(x.AsUInt16(), 4).AsByte() & low);

    /// <summary>Writes (distance &lt;&lt; 8) | variant for the block's codes below <paramref name="count"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Store(Vector512<byte> best, Vector512<byte> argument, Span<uint> results, int start, int count, Span<uint> tail)
    {
        var (bestLow, bestHigh) = Vector512.Widen(best);
        var (argumentLow, argumentHigh) = Vector512.Widen(argument);
        var quarters = tail.Length / 4;
        Quarter(Vector512.WidenLower(bestLow), Vector512.WidenLower(argumentLow)).CopyTo(tail);
        Quarter(Vector512.WidenUpper(bestLow), Vector512.WidenUpper(argumentLow)).CopyTo(tail[quarters..]);
        Quarter(Vector512.WidenLower(bestHigh), Vector512.WidenLower(argumentHigh)).CopyTo(tail[(2 * quarters)..]);
        Quarter(Vector512.WidenUpper(bestHigh), Vector512.WidenUpper(argumentHigh)).CopyTo(tail[(3 * quarters)..]);
        tail[..Math.Min(Lanes, count - start)].CopyTo(results[start..]);

        static Vector512<uint> Quarter(Vector512<uint> distance, Vector512<uint> variant) => Vector512.ShiftLeft(distance, 8) | variant;
    }

    private static void StoreScalar(ReadOnlySpan<byte> distances, ReadOnlySpan<byte> arguments, Span<uint> results, int start, int count)
    {
        for (var j = 0; j < distances.Length && start + j < count; j++)
        {
            results[start + j] = ((uint)distances[j] << 8) | arguments[j];
        }
    }

    private static int Check(ReadOnlySpan<uint> blocks, int count, ReadOnlySpan<uint> variants, Span<uint> results, Span<uint> seconds)
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

        if (seconds.Length < count)
        {
            throw new ArgumentException($"Room for {count} second results is needed; the span holds {seconds.Length}.", nameof(seconds));
        }

        return variantCount;
    }
}
