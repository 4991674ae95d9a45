namespace PalmKey.Tests;

/// <summary>What the extractor accepts as a ROI, and how it treats ROIs of other sizes and shapes.</summary>
public sealed class PalmExtractorTests
{
    private static readonly SyntheticPalm Palm = new(11);

    private static readonly GrayImage Image = Palm.Draw(128, 128);

    [Theory]
    [InlineData(31, 128)]
    [InlineData(128, 31)]
    [InlineData(31, 31)]
    [InlineData(1, 1)]
    [InlineData(16, 500)]
    public void Refuses_a_ROI_under_32_pixels_on_a_side_and_names_its_size(int width, int height)
    {
        var roi = new GrayImage(width, height, new byte[width * height]);

        var extract = Assert.Throws<ArgumentException>(() => PalmExtractor.Extract(roi));
        var probe = Assert.Throws<ArgumentException>(() => PalmExtractor.ExtractProbe(roi));

        Assert.Contains($"{width}x{height}", extract.Message, StringComparison.Ordinal);
        Assert.Contains("32x32", extract.Message, StringComparison.Ordinal);
        Assert.Equal("roi", extract.ParamName);
        Assert.Equal(extract.Message, probe.Message);
    }

    [Fact]
    public void Accepts_a_ROI_of_exactly_the_minimum_side()
    {
        var small = Palm.Draw(PalmExtractor.MinimumRoiSide, PalmExtractor.MinimumRoiSide, scale: 0.25);

        var template = PalmExtractor.Extract(small);
        var probe = PalmExtractor.ExtractProbe(small);

        Assert.Equal(32, PalmExtractor.MinimumRoiSide);
        Assert.Equal(template.ToBytes(), probe.Template.ToBytes());
    }

    [Fact]
    public void Refuses_null()
    {
        Assert.Throws<ArgumentNullException>(() => PalmExtractor.Extract(null!));
        Assert.Throws<ArgumentNullException>(() => PalmExtractor.ExtractProbe(null!));
    }

    [Fact]
    public void Is_deterministic_and_leaves_the_image_alone()
    {
        var pixels = (byte[])Image.Pixels.Clone();

        var first = PalmExtractor.Extract(Image).ToBytes();
        var second = PalmExtractor.Extract(Image).ToBytes();
        var probe = PalmExtractor.ExtractProbe(Image).Template.ToBytes();

        Assert.Equal(first, second);
        Assert.Equal(first, probe);
        Assert.Equal(pixels, Image.Pixels);
    }

    [Theory]
    [InlineData(16, 0)]
    [InlineData(0, 36)]
    [InlineData(1, 0)]
    [InlineData(0, 1)]
    [InlineData(100, 0)]
    public void Codes_the_central_square_of_a_ROI_that_is_not_square(int left, int top)
    {
        // The palm fills the central square; the margins on either side, random bytes, must be ignored.
        var framed = TestImages.Frame(Image, left, top, seed: left + top);

        var template = PalmExtractor.Extract(framed);

        Assert.Equal(PalmExtractor.Extract(Image).ToBytes(), template.ToBytes());
    }

    [Fact]
    public void A_256_pixel_ROI_of_the_same_palm_matches_the_128_pixel_one()
    {
        // Drawn anew at twice the size, with other pixel noise: not a copy of the smaller image.
        var large = PalmExtractor.Extract(Palm.Draw(256, 256, scale: 2, noiseSeed: 256));
        var small = PalmExtractor.Extract(Image);
        var unrelated = PalmExtractor.Extract(SyntheticPalm.Create(12));

        // Measured 94 here (90 to 94 on other synthetic palms); the unrelated palm scores 6.
        Assert.InRange(new PalmMatcher(large).Match(small), 75, 100);
        Assert.InRange(new PalmMatcher(large).Match(unrelated), 0, 20);
    }

    [Fact]
    public void A_larger_ROI_of_other_proportions_matches_through_its_central_square()
    {
        // 300x256: the central 256-pixel square is the palm at twice the size.
        var large = TestImages.Frame(Palm.Draw(256, 256, scale: 2, noiseSeed: 300), left: 22, top: 0, seed: 5);
        Assert.Equal((300, 256), (large.Width, large.Height));

        Assert.InRange(new PalmMatcher(PalmExtractor.Extract(large)).Match(PalmExtractor.Extract(Image)), 75, 100);
    }

    [Fact]
    public void A_uniform_ROI_gives_a_template_without_failing()
    {
        var blank = new GrayImage(128, 128, Enumerable.Repeat((byte)128, 128 * 128).ToArray());

        var template = PalmExtractor.Extract(blank);

        Assert.Equal(PalmTemplate.SerializedLength, template.ToBytes().Length);
        Assert.Equal(PalmMatcher.MaxScore, new PalmMatcher(template).Match(template));
    }

    [Fact]
    public void Describes_the_algorithm_with_its_parameters()
    {
        Assert.Equal(
            "PalmKey competitive code v1: 6 orientations x 2 scales, 32x32 cells, shifts up to 3 cells, probe rotations 0/-5/5 degrees, each at 4 half-cell grid offsets",
            PalmExtractor.AlgorithmDescription);
    }
}
