using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

/// <summary>
/// JPEG fixtures are made at test time with libjpeg-turbo's encoder. These tests need libturbojpeg
/// (apt-get install libturbojpeg0) and fail, naming the package, where it is missing.
/// </summary>
public sealed class JpegDecoderTests
{
    private const int Width = 67;  // not a multiple of the 16-pixel MCU, so edge blocks are partial
    private const int Height = 45;

    [Fact]
    public void Decodes_baseline_gray()
    {
        var source = TestPixels.SmoothGray(Width, Height);
        var jpeg = TestJpegWriter.Compress(source, Width, Height, TestJpegWriter.PixelFormatGray, TestJpegWriter.SubsamplingGray, 95);
        Assert.True(HasMarker(jpeg, 0xC0), "expected a baseline SOF0 frame");

        var gray = ImageCodec.DecodeGray(jpeg);
        var rgb = ImageCodec.DecodeRgb(jpeg);

        Assert.Equal((Width, Height), (gray.Width, gray.Height));
        TestPixels.AssertClose(source, gray.Pixels, maxError: 8, meanError: 1.5);
        Assert.Equal(TestPixels.ToRgb(gray.Pixels), rgb.Pixels);
    }

    [Fact]
    public void Decodes_baseline_color_with_420_subsampling()
    {
        var source = TestPixels.SmoothRgb(Width, Height);
        var jpeg = TestJpegWriter.Compress(source, Width, Height, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling420, 95);
        Assert.True(HasMarker(jpeg, 0xC0), "expected a baseline SOF0 frame");

        var rgb = ImageCodec.DecodeRgb(jpeg);
        var gray = ImageCodec.DecodeGray(jpeg);

        Assert.Equal((Width, Height), (rgb.Width, rgb.Height));
        TestPixels.AssertClose(source, rgb.Pixels, maxError: 16, meanError: 2.5);
        TestPixels.AssertClose(TestPixels.ToGray(source), gray.Pixels, maxError: 8, meanError: 1.5);
    }

    [Fact]
    public void Decodes_progressive_color()
    {
        var source = TestPixels.SmoothRgb(Width, Height);
        var jpeg = TestJpegWriter.Compress(source, Width, Height, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling444, 95, TestJpegWriter.FlagProgressive);
        Assert.True(HasMarker(jpeg, 0xC2), "expected a progressive SOF2 frame");

        var rgb = ImageCodec.DecodeRgb(jpeg);

        TestPixels.AssertClose(source, rgb.Pixels, maxError: 12, meanError: 2.0);
        TestPixels.AssertClose(TestPixels.ToGray(source), ImageCodec.DecodeGray(jpeg).Pixels, maxError: 8, meanError: 1.5);
    }

    [Fact]
    public void Decodes_the_same_pixels_from_many_threads_at_once()
    {
        var jpegs = Enumerable.Range(0, 8)
            .Select(i => TestJpegWriter.Compress(TestPixels.Random(40 * 30 * 3, i), 40, 30, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling420, 80, i % 2 == 0 ? 0 : TestJpegWriter.FlagProgressive))
            .ToArray();
        var expected = jpegs.Select(j => ImageCodec.DecodeRgb(j).Pixels).ToArray();

        var results = new byte[jpegs.Length * 25][];
        Parallel.For(0, results.Length, i => results[i] = ImageCodec.DecodeRgb(jpegs[i % jpegs.Length]).Pixels);

        for (var i = 0; i < results.Length; i++)
        {
            Assert.Equal(expected[i % jpegs.Length], results[i]);
        }
    }

    [Fact]
    public void Refuses_a_truncated_file_instead_of_returning_a_partly_gray_image()
    {
        var jpeg = TestJpegWriter.Compress(TestPixels.SmoothRgb(160, 120), 160, 120, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling420, 90);
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(jpeg.AsSpan(0, jpeg.Length - 300)));
        Assert.StartsWith("JPEG: ", error.Message, StringComparison.Ordinal);
        Assert.Contains("Premature end", error.Message, StringComparison.Ordinal);
        Assert.Equal("JPEG", error.Format);
    }

    [Fact]
    public void Refuses_a_file_cut_inside_the_header()
    {
        var jpeg = Baseline();
        var sos = FindMarker(jpeg, 0xDA);
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeRgb(jpeg.AsSpan(0, 40)));
        Assert.StartsWith("JPEG: no frame header", error.Message, StringComparison.Ordinal);
        error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeRgb(jpeg.AsSpan(0, sos + 3)));
        Assert.StartsWith("JPEG: ", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_CMYK()
    {
        var cmyk = TestPixels.Random(16 * 16 * 4, 4);
        var jpeg = TestJpegWriter.Compress(cmyk, 16, 16, TestJpegWriter.PixelFormatCmyk, TestJpegWriter.Subsampling444, 90);

        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(jpeg));
        Assert.Equal("JPEG: CMYK images are not supported", error.Message);
    }

    [Theory]
    [InlineData(9000, 9000, "JPEG: image is 9000x9000 = 81.0 megapixels, over the 50 megapixel limit")]
    [InlineData(60000, 60000, "JPEG: image is 60000x60000 = 3600.0 megapixels")]
    [InlineData(65535, 1, "JPEG: invalid header (Maximum supported image dimension is 65500 pixels)")]
    public void Refuses_an_over_limit_header_before_allocating(int width, int height, string message)
    {
        var jpeg = WithSize(Baseline(), width, height);
        var before = GC.GetAllocatedBytesForCurrentThread();

        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(jpeg));

        Assert.Equal(message, error.Message[..Math.Min(message.Length, error.Message.Length)]);
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
    }

    /// <summary>A small valid baseline 4:2:0 color JPEG.</summary>
    internal static byte[] Baseline() =>
        TestJpegWriter.Compress(TestPixels.SmoothRgb(48, 32), 48, 32, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling420, 90);

    /// <summary>A small valid progressive color JPEG.</summary>
    internal static byte[] Progressive() =>
        TestJpegWriter.Compress(TestPixels.SmoothRgb(40, 24), 40, 24, TestJpegWriter.PixelFormatRgb, TestJpegWriter.Subsampling444, 90, TestJpegWriter.FlagProgressive);

    /// <summary>Rewrites the frame header's dimensions; returns the copy, or the original if there is no SOF0/SOF2.</summary>
    internal static byte[] WithSize(byte[] jpeg, int width, int height)
    {
        var copy = (byte[])jpeg.Clone();
        var sof = FindMarker(copy, 0xC0);
        if (sof < 0)
        {
            sof = FindMarker(copy, 0xC2);
        }

        if (sof >= 0)
        {
            // Marker (2), length (2), precision (1), then height and width, big-endian.
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 5), (ushort)height);
            BinaryPrimitives.WriteUInt16BigEndian(copy.AsSpan(sof + 7), (ushort)width);
        }

        return copy;
    }

    private static bool HasMarker(byte[] jpeg, byte marker) => FindMarker(jpeg, marker) >= 0;

    private static int FindMarker(byte[] jpeg, byte marker) => jpeg.AsSpan().IndexOf(stackalloc byte[] { 0xFF, marker });
}
