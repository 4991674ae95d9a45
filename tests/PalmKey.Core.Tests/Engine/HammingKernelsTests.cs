using System.Runtime.Intrinsics.X86;
using PalmKey.Engine;

namespace PalmKey.Tests.Engine;

/// <summary>
/// Every vector path of the masked Hamming count against the scalar reference, at every length from 0
/// to 200 (each tail of each vector width) and at lengths that cross the 31-vector batch flush, with
/// random, all-ones and all-zero data and with several masks. Paths the processor lacks are skipped by name.
/// </summary>
public sealed class HammingKernelsTests
{
    private delegate int Counter(ReadOnlySpan<uint> a, ReadOnlySpan<uint> b, uint mask);

    public static TheoryData<string> Paths() => ["Count512", "Count256", "Count128", "Count"];

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_equals_the_scalar_reference_at_every_length_and_tail(string path)
    {
        var count = Path(path);
        var random = new Random(512);
        var lengths = Enumerable.Range(0, 201).Concat([247, 248, 249, 495, 496, 497, 511, 992, 1000, 1023, 5000]);
        foreach (var length in lengths)
        {
            // Offsets 0..3 start the runs at every alignment of a 16-byte boundary.
            var offset = length % 4;
            var a = TestWords.Random(random, length + offset);
            var b = TestWords.Random(random, length + offset);
            foreach (var mask in Masks(random))
            {
                var x = a.AsSpan(offset, length);
                var y = b.AsSpan(offset, length);
                Assert.True(
                    HammingKernels.CountScalar(x, y, mask) == count(x, y, mask),
                    $"{path}, {length} words at offset {offset}, mask {mask:x8}: {count(x, y, mask)}, expected {HammingKernels.CountScalar(x, y, mask)}.");
            }
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_counts_every_bit_when_all_bits_differ(string path)
    {
        // Eight set bits per byte per vector is the most a byte counter holds before the batch flush.
        var count = Path(path);
        foreach (var length in new[] { 1, 15, 16, 17, 123, 124, 248, 496, 497, 5000, 20000 })
        {
            var ones = Enumerable.Repeat(uint.MaxValue, length).ToArray();
            var zeros = new uint[length];

            Assert.Equal(32 * length, count(ones, zeros, uint.MaxValue));
            Assert.Equal(32 * length, count(zeros, ones, uint.MaxValue));
            Assert.Equal(length, count(ones, zeros, 0x8000_0000u));
            Assert.Equal(0, count(ones, ones, uint.MaxValue));
            Assert.Equal(0, count(ones, zeros, 0));
            Assert.Equal(32 * length, HammingKernels.CountScalar(ones, zeros, uint.MaxValue));
        }
    }

    [Theory]
    [MemberData(nameof(Paths))]
    public void Every_path_refuses_runs_of_different_lengths(string path)
    {
        var count = Path(path);
        foreach (var (first, second) in new[] { (0, 1), (16, 17), (17, 16), (200, 199) })
        {
            var error = Assert.Throws<ArgumentException>(() => count(new uint[first], new uint[second], uint.MaxValue));
            Assert.Contains($"({first} and {second} words)", error.Message, StringComparison.Ordinal);
        }

        Assert.Throws<ArgumentException>(() => HammingKernels.CountScalar(new uint[3], new uint[4], 1));
    }

    [Fact]
    public void The_scalar_reference_counts_masked_differing_bits()
    {
        uint[] a = [0b1011, 0xFFFF_0000, 0];
        uint[] b = [0b0110, 0x0000_FFFF, 0];

        Assert.Equal(3 + 32, HammingKernels.CountScalar(a, b, uint.MaxValue));
        Assert.Equal(1 + 3, HammingKernels.CountScalar(a, b, 0x0001_0003));
        Assert.Equal(0, HammingKernels.CountScalar(a, b, 0));
        Assert.Equal(0, HammingKernels.CountScalar([], [], uint.MaxValue));
    }

    private static Counter Path(string path)
    {
        switch (path)
        {
            case "Count512":
                SkipUnless(Avx512BW.IsSupported, "Avx512BW", path);
                return HammingKernels.Count512;
            case "Count256":
                SkipUnless(Avx2.IsSupported, "Avx2", path);
                return HammingKernels.Count256;
            case "Count128":
                SkipUnless(Ssse3.IsSupported, "Ssse3", path);
                return HammingKernels.Count128;
            default:
                return HammingKernels.Count;
        }
    }

    private static void SkipUnless(bool supported, string instructions, string path)
    {
        if (!supported)
        {
            Assert.Skip($"This processor lacks {instructions}, so HammingKernels.{path} cannot run here.");
        }
    }

    private static uint[] Masks(Random random) => [0, uint.MaxValue, (uint)random.NextInt64(1L << 32), 1u << random.Next(32), 0x8000_0000u, 0x0000_0001u];
}
