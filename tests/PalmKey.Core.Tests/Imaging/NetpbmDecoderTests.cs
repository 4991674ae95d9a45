using System.Text;

namespace PalmKey.Tests.Imaging;

public sealed class NetpbmDecoderTests
{
    [Fact]
    public void Decodes_binary_PGM_with_comments_and_mixed_whitespace()
    {
        var pixels = TestPixels.Random(5 * 3, 1);
        var pgm = Concat("P5 # a comment right after the magic\r\n#another\n5\t\v3\f# width and height\n255\n", pixels);

        var image = ImageCodec.DecodeGray(pgm);

        Assert.Equal((5, 3), (image.Width, image.Height));
        Assert.Equal(pixels, image.Pixels);
        Assert.Equal(TestPixels.ToRgb(pixels), ImageCodec.DecodeRgb(pgm).Pixels);
    }

    [Fact]
    public void Scales_a_small_maxval_to_the_full_range()
    {
        var pgm = Concat("P5\n4 1\n100\n", [0, 50, 99, 100]);

        Assert.Equal(new byte[] { 0, 128, 252, 255 }, ImageCodec.DecodeGray(pgm).Pixels);
    }

    [Theory]
    [InlineData(65535)]
    [InlineData(1000)]
    [InlineData(256)]
    public void Scales_16_bit_big_endian_samples(int maxValue)
    {
        var samples = new[] { 0, 1, maxValue / 2, maxValue - 1, maxValue };
        var raster = samples.SelectMany(v => new[] { (byte)(v >> 8), (byte)v }).ToArray();
        var pgm = Concat($"P5 5 1 {maxValue}\n", raster);
        var expected = samples.Select(v => (byte)(((v * 255L) + (maxValue / 2)) / maxValue)).ToArray();

        Assert.Equal(expected, ImageCodec.DecodeGray(pgm).Pixels);
    }

    [Fact]
    public void Decodes_plain_PGM()
    {
        var pgm = Encoding.ASCII.GetBytes("P2\n# plain\n3 2\n15\n0 1 2\n 3 15\t7 ");

        Assert.Equal(new byte[] { 0, 17, 34, 51, 255, 119 }, ImageCodec.DecodeGray(pgm).Pixels);
    }

    [Fact]
    public void Decodes_binary_and_plain_PPM()
    {
        var rgb = TestPixels.Random(4 * 3 * 3, 6);
        var ppm = Concat("P6\n4 3\n255\n", rgb);
        Assert.Equal(rgb, ImageCodec.DecodeRgb(ppm).Pixels);
        Assert.Equal(TestPixels.ToGray(rgb), ImageCodec.DecodeGray(ppm).Pixels);

        var plain = Encoding.ASCII.GetBytes("P3 2 1 255 10 20 30 40 50 60\n");
        Assert.Equal(new byte[] { 10, 20, 30, 40, 50, 60 }, ImageCodec.DecodeRgb(plain).Pixels);
    }

    [Fact]
    public void Round_trips_through_EncodePgm()
    {
        var image = new GrayImage(7, 9, TestPixels.Random(63, 8));

        var decoded = ImageCodec.DecodeGray(ImageCodec.EncodePgm(image));

        Assert.Equal((7, 9), (decoded.Width, decoded.Height));
        Assert.Equal(image.Pixels, decoded.Pixels);
    }

    [Theory]
    [InlineData("P5\n4 4\n255\n", 10, "PGM: truncated pixel data (expected 16 bytes, found 10)")]
    [InlineData("P5\n4 4\n1000\n", 31, "PGM: truncated pixel data (expected 32 bytes, found 31)")]
    [InlineData("P5\n4 4\n0\n", 16, "PGM: maxval 0 out of range")]
    [InlineData("P5\n4 4\n70000\n", 16, "PGM: maxval 70000 out of range")]
    [InlineData("P5\n4 4\n255", 0, "PGM: expected one whitespace character after maxval")]
    [InlineData("P5\n4 x4\n255\n", 16, "PGM: expected height at offset 5, found byte 0x78")]
    [InlineData("P5\n4 4x\n255\n", 16, "PGM: unexpected byte 0x78 after height")]
    [InlineData("P5\n4", 0, "PGM: truncated header or data (expected height)")]
    [InlineData("P5\n0 4\n255\n", 16, "PGM: invalid dimensions 0x4")]
    [InlineData("P5\n99999999999 4\n255\n", 16, "PGM: width at offset 3 is too large")]
    [InlineData("P5\n100000 100000\n255\n", 16, "PGM: image is 100000x100000 = 10000.0 megapixels, over the 50 megapixel limit")]
    [InlineData("P6\n9000 9000\n255\n", 16, "PPM: image is 9000x9000 = 81.0 megapixels")]
    [InlineData("P4\n4 4\n", 16, "PBM: bitmaps (P1, P4) are not supported")]
    [InlineData("P7\nWIDTH 4\n", 16, "PAM: P7 images are not supported")]
    [InlineData("P2\n4 4\n255\n1 2 3", 0, "PGM: truncated pixel data (expected 16 samples")]
    public void Refuses_malformed_headers_and_data(string header, int rasterBytes, string message)
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(Concat(header, new byte[rasterBytes])));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_sample_over_maxval()
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(Concat("P5 2 1 100\n", [100, 101])));
        Assert.Equal("PGM: sample value 101 exceeds maxval 100", error.Message);
        error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(Encoding.ASCII.GetBytes("P2 2 1 100\n100 1000\n")));
        Assert.Equal("PGM: sample value 1000 exceeds maxval 100", error.Message);
    }

    [Fact]
    public void Refuses_a_huge_image_claimed_by_a_small_file_before_allocating()
    {
        var pgm = Concat("P5\n7000 7000\n255\n", new byte[100]);
        var before = GC.GetAllocatedBytesForCurrentThread();
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(pgm));
        Assert.StartsWith("PGM: truncated pixel data (expected 49000000 bytes", error.Message, StringComparison.Ordinal);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
    }

    internal static byte[] Concat(string header, byte[] raster) => [.. Encoding.ASCII.GetBytes(header), .. raster];
}
