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
        var probe = TestCodes.Random(11);
        var gallery = TestCodes.Shift(probe, dx, dy);
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
        var probe = TestCodes.Random(12);
        var gallery = TestCodes.Shift(probe, dx, dy);
        var fromGallery = new uint[RefineCode.Words];
        var fromProbe = new uint[RefineCode.Words];
        RefineCode.Gallery(gallery, fromGallery);
        RefineCode.Probe(probe, dx, dy, fromProbe);
        Assert.Equal(0, RefineCode.Distance(fromGallery, 0, fromProbe, 0));
        RefineCode.Probe(probe, dx, dy == 0 ? 1 : 0, fromProbe);
        Assert.True(RefineCode.Distance(fromGallery, 0, fromProbe, 0) > RefineCode.Bits / 4);
    }

    public static TheoryData<int> Symmetries() => [0, 1, 2, 3, 4, 5, 6, 7];

    /// <summary>
    /// A capture half a cell off, along the axes a moved grid moves on, is met by that grid at
    /// <see cref="ProbePlan.HalfCellStep"/> from the whole-cell offsets the unmoved grid finds (0 here,
    /// the other being the step itself): the refine stage tries moved grids only there. It holds for
    /// synthetic palms made by code symmetries too, whose grid offsets turn with the code.
    /// </summary>
    [Theory]
    [MemberData(nameof(Symmetries))]
    public void A_moved_grid_meets_a_capture_half_a_cell_off_one_half_cell_step_away(int symmetry)
    {
        var roi = SyntheticPalms.Render(seed: 7, palm: 3, sample: 0);
        var probe = SyntheticPalms.Transform(PalmExtractor.ExtractProbe(roi), symmetry);
        var gallery = new uint[RefineCode.Words];
        var variant = new uint[RefineCode.Words];
        for (var g = 1; g < CodeLayout.ProbeOffsets.Length; g++)
        {
            var (x, y) = CodeLayout.ProbeOffsets[g];
            var enrolled = SyntheticPalms.Transform(PalmExtractor.Extract(Moved(roi, x, y)), symmetry);
            RefineCode.Gallery(enrolled.Code, gallery);
            var best = (Distance: int.MaxValue, Dx: 0, Dy: 0);
            for (var dy = -2; dy <= 2; dy++)
            {
                for (var dx = -2; dx <= 2; dx++)
                {
                    RefineCode.Probe(probe.Codes[g], dx, dy, variant);
                    var distance = RefineCode.Distance(gallery, 0, variant, 0);
                    if (distance < best.Distance)
                    {
                        best = (distance, dx, dy);
                    }
                }
            }

            Assert.Equal(ProbePlan.HalfCellStep(probe.GridOffsets[g]), (best.Dx, best.Dy));
            Assert.True(best.Distance < RefineCode.Bits / 10, $"grid {g}: {best.Distance} of {RefineCode.Bits} bits differ");
        }
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

    /// <summary>An image whose pixel (x, y) is pixel (x - dx, y - dy) of <paramref name="image"/>, clamped at the edges.</summary>
    private static GrayImage Moved(GrayImage image, int dx, int dy)
    {
        var pixels = new byte[image.Width * image.Height];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                pixels[(y * image.Width) + x] = image[Math.Clamp(x - dx, 0, image.Width - 1), Math.Clamp(y - dy, 0, image.Height - 1)];
            }
        }

        return new GrayImage(image.Width, image.Height, pixels);
    }
}
