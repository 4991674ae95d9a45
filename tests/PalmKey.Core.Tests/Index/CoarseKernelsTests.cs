using System.Runtime.Intrinsics.X86;
using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class CoarseKernelsTests
{
    private const int MaxCount = 3 * CoarseKernels.Lanes + 5;

    public static TheoryData<string> Paths => ["512", "256", "128", "dispatch"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_matches_the_scalar_reference_at_every_length(string path)
    {
        var scan = Select(path);
        var random = new Random(7);
        foreach (var variantCount in new[] { 1, 2, 16, 48 })
        {
            var blocks = RandomWords(random, (MaxCount + CoarseKernels.Lanes - 1) / CoarseKernels.Lanes * CoarseKernels.BlockLength);
            var variants = RandomWords(random, variantCount * CoarseKernels.Words);

            // Make some variants tie and some codes equal a variant, so that ties and zero distances are covered.
            if (variantCount > 1)
            {
                Array.Copy(variants, 0, variants, CoarseKernels.Words, CoarseKernels.Words);
            }

            CoarseKernels.Set(blocks, 3, variants.AsSpan(0, CoarseKernels.Words));

            for (var count = 0; count <= MaxCount; count++)
            {
                var expected = Fill();
                var actual = Fill();
                var expectedSeconds = Fill();
                var actualSeconds = Fill();
                CoarseKernels.ScanScalar(blocks, count, variants, expected, expectedSeconds);
                scan(blocks, count, variants, actual, actualSeconds);
                Assert.Equal(expected, actual);
                Assert.Equal(expectedSeconds, actualSeconds);
            }
        }
    }

    [Fact]
    public void The_scalar_reference_counts_differing_bits_and_keeps_the_first_best_and_second_best_variants()
    {
        var blocks = new uint[CoarseKernels.BlockLength];
        CoarseKernels.Set(blocks, 1, [0b1011, 0, 0, 0, 0, 0, 0, 0]); // lane 1
        var variants = new uint[4 * CoarseKernels.Words];
        variants[0] = 0b0000;                      // variant 0: 3 bits differ
        variants[CoarseKernels.Words] = 0b1001;    // variant 1: 1 bit differs
        variants[2 * CoarseKernels.Words] = 0b1111; // variant 2: 1 bit differs, later
        variants[3 * CoarseKernels.Words] = 0b1011; // variant 3: equal to lane 1
        var results = new uint[2];
        var seconds = new uint[2];
        CoarseKernels.ScanScalar(blocks, 2, variants.AsSpan(0, 3 * CoarseKernels.Words), results, seconds);
        Assert.Equal(0u, results[0] >> 8);
        Assert.Equal(2u, seconds[0] >> 8);
        Assert.Equal((1u << 8) | 1u, results[1]);
        Assert.Equal((1u << 8) | 2u, seconds[1]);

        // A new best passes the old best down to second place.
        CoarseKernels.ScanScalar(blocks, 2, variants, results, seconds);
        Assert.Equal(3u, results[1]);
        Assert.Equal((1u << 8) | 1u, seconds[1]);

        // One variant has no second.
        CoarseKernels.ScanScalar(blocks, 2, variants.AsSpan(0, CoarseKernels.Words), results, seconds);
        Assert.Equal((3u << 8) | 0u, results[1]);
        Assert.Equal(CoarseKernels.NoResult, seconds[1]);
    }

    [Fact]
    public void Codes_round_trip_through_the_blocks_and_bits_past_the_code_do_not_count()
    {
        var random = new Random(3);
        var blocks = new uint[2 * CoarseKernels.BlockLength];
        var codes = new uint[2 * CoarseKernels.Lanes][];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = RandomWords(random, CoarseKernels.Words);
            CoarseKernels.Set(blocks, i, codes[i]);
        }

        var read = new uint[CoarseKernels.Words];
        for (var i = 0; i < codes.Length; i++)
        {
            CoarseKernels.Get(blocks, i, read);
            Assert.Equal(codes[i], read);
        }

        // A variant that differs from code 0 only past its 243 bits is at distance 0 from it.
        var variant = (uint[])codes[0].Clone();
        variant[^1] ^= ~0u << (CoarseCode.Bits % 32);
        var results = new uint[1];
        CoarseKernels.ScanScalar(blocks, 1, variant, results, new uint[1]);
        Assert.Equal(0u, results[0]);
    }

    [Fact]
    public void Too_short_spans_are_refused()
    {
        var variants = new uint[CoarseKernels.Words];
        Assert.Throws<ArgumentException>(() => CoarseKernels.Scan(new uint[CoarseKernels.BlockLength], CoarseKernels.Lanes + 1, variants, new uint[128], new uint[128]));
        Assert.Throws<ArgumentException>(() => CoarseKernels.Scan(new uint[CoarseKernels.BlockLength], 4, new uint[5], new uint[4], new uint[4]));
        Assert.Throws<ArgumentException>(() => CoarseKernels.Scan(new uint[CoarseKernels.BlockLength], 4, variants, new uint[3], new uint[4]));
        Assert.Throws<ArgumentException>(() => CoarseKernels.Scan(new uint[CoarseKernels.BlockLength], 4, variants, new uint[4], new uint[3]));
    }

    private static uint[] Fill()
    {
        // Results past the count must stay untouched.
        var results = new uint[MaxCount + 8];
        Array.Fill(results, 0xDEADBEEF);
        return results;
    }

    private static uint[] RandomWords(Random random, int length)
    {
        var words = new uint[length];
        for (var i = 0; i < length; i++)
        {
            words[i] = (uint)random.NextInt64(0, 1L << 32);
        }

        return words;
    }

    private static Action<uint[], int, uint[], uint[], uint[]> Select(string path)
    {
        switch (path)
        {
            case "512":
                if (!Avx512BW.IsSupported)
                {
                    Assert.Skip("This processor lacks AVX-512BW: the Vector512 path cannot run here.");
                }

                return (b, c, v, r, s) => CoarseKernels.Scan512(b, c, v, r, s);
            case "256":
                if (!Avx2.IsSupported)
                {
                    Assert.Skip("This processor lacks AVX2: the Vector256 path cannot run here.");
                }

                return (b, c, v, r, s) => CoarseKernels.Scan256(b, c, v, r, s);
            case "128":
                if (!Ssse3.IsSupported)
                {
                    Assert.Skip("This processor lacks SSSE3: the Vector128 path cannot run here.");
                }

                return (b, c, v, r, s) => CoarseKernels.Scan128(b, c, v, r, s);
            default:
                return (b, c, v, r, s) => CoarseKernels.Scan(b, c, v, r, s);
        }
    }
}
