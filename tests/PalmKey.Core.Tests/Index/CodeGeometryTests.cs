using PalmKey.Engine;
using PalmKey.Index;

namespace PalmKey.Tests.Index;

/// <summary>The coarse and refine codes meet probe cell (x + dx, y + dy) with gallery cell (x, y).</summary>
public sealed class CodeGeometryTests
{
    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, -3)]
    [InlineData(-1, 1)]
    [InlineData(-3, 3)]
    [InlineData(1, -1)]
    public void A_coarse_variant_at_the_true_offset_matches_the_gallery_code(int dx, int dy)
    {
        var probe = RandomCode(11);
        var gallery = Shift(probe, dx, dy);
        var fromGallery = new uint[CoarseCode.Words];
        var fromProbe = new uint[CoarseCode.Words];
        CoarseCode.Gallery(gallery, fromGallery);
        CoarseCode.Pool(probe, dx, dy, fromProbe);
        Assert.Equal(fromGallery, fromProbe);

        // And not at another offset.
        CoarseCode.Pool(probe, dx == 1 ? -1 : 1, dy, fromProbe);
        Assert.NotEqual(fromGallery, fromProbe);
    }

    [Theory]
    [InlineData(0, 0)]
    [InlineData(3, -1)]
    [InlineData(-3, 3)]
    [InlineData(1, -3)]
    public void A_refine_variant_at_the_true_offset_matches_the_gallery_code(int dx, int dy)
    {
        var probe = RandomCode(12);
        var gallery = Shift(probe, dx, dy);
        var fromGallery = new uint[RefineCode.Words];
        var fromProbe = new uint[RefineCode.Words];
        RefineCode.Gallery(gallery, fromGallery);
        RefineCode.Probe(probe, dx, dy, fromProbe);
        Assert.Equal(0, RefineCode.Distance(fromGallery, 0, fromProbe, 0));
        RefineCode.Probe(probe, dx, dy == 0 ? 1 : 0, fromProbe);
        Assert.True(RefineCode.Distance(fromGallery, 0, fromProbe, 0) > RefineCode.Bits / 4);
    }

    [Fact]
    public void Coarse_codes_leave_their_spare_bits_clear()
    {
        var coarse = new uint[CoarseCode.Words];
        var ones = new uint[CodeLayout.Words];
        Array.Fill(ones, uint.MaxValue);
        CoarseCode.Gallery(ones, coarse);
        Assert.Equal(CoarseCode.Bits, coarse.Sum(w => System.Numerics.BitOperations.PopCount(w)));
    }

    /// <summary>A code whose cell (x, y) is cell (x + dx, y + dy) of <paramref name="code"/> (zero outside it).</summary>
    private static uint[] Shift(uint[] code, int dx, int dy)
    {
        var shifted = new uint[CodeLayout.Words];
        for (var y = 0; y < CodeLayout.Grid; y++)
        {
            var source = y + dy;
            if (source is < 0 or >= CodeLayout.Grid)
            {
                continue;
            }

            for (var p = 0; p < CodeLayout.Planes; p++)
            {
                var word = code[(source * CodeLayout.Planes) + p];
                shifted[(y * CodeLayout.Planes) + p] = dx >= 0 ? word >> dx : word << -dx;
            }
        }

        return shifted;
    }

    private static uint[] RandomCode(int seed)
    {
        var random = new Random(seed);
        var code = new uint[CodeLayout.Words];
        for (var i = 0; i < code.Length; i++)
        {
            code[i] = (uint)random.NextInt64(0, 1L << 32);
        }

        return code;
    }
}
