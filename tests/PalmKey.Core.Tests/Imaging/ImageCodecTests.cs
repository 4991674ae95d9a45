using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

public sealed class ImageCodecTests
{
    [Theory]
    [InlineData(new byte[] { }, "Unknown image format (empty input)")]
    [InlineData(new byte[] { 0x00, 0x11, 0x22, 0x33, 0x44 }, "Unknown image format (first bytes 00 11 22 33)")]
    [InlineData(new byte[] { 0x42 }, "Unknown image format (first bytes 42)")]
    [InlineData(new byte[] { 0x47, 0x49, 0x46, 0x38, 0x39, 0x61 }, "Unsupported image format: GIF")]
    [InlineData(new byte[] { 0x49, 0x49, 0x2A, 0x00, 0x08, 0x00 }, "Unsupported image format: TIFF")]
    [InlineData(new byte[] { 0x52, 0x49, 0x46, 0x46, 1, 2, 3, 4, 0x57, 0x45, 0x42, 0x50 }, "Unsupported image format: WebP")]
    public void Names_unknown_and_unsupported_formats(byte[] data, string message)
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(data));
        Assert.Equal(message, error.Message);
        Assert.Null(error.Format);
    }

    public static TheoryData<string, byte[]> OverLimitHeaders()
    {
        var bmp = BmpDecoderTests.Gray8(4, 4);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 10000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 5001);
        var png = PngDecoderTests.Build(("IHDR", PngDecoderTests.Header(10000, 5001, 8, 2)), ("IDAT", PngDecoderTests.ZlibOf(new byte[10])), ("IEND", []));
        return new TheoryData<string, byte[]>
        {
            { "BMP", bmp },
            { "PNG", png },
            { "PGM", NetpbmDecoderTests.Concat("P5\n10000 5001\n255\n", new byte[64]) },
            { "PPM", NetpbmDecoderTests.Concat("P6 10000 5001 65535\n", new byte[64]) },
            { "JPEG", JpegDecoderTests.WithSize(JpegDecoderTests.Baseline(), 10000, 5001) },
        };
    }

    [Theory]
    [MemberData(nameof(OverLimitHeaders))]
    public void Refuses_every_format_just_over_50_megapixels_without_allocating(string format, byte[] data)
    {
        var before = GC.GetAllocatedBytesForCurrentThread();

        var gray = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(data));
        var rgb = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeRgb(data));

        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.Equal($"{format}: image is 10000x5001 = 50.0 megapixels, over the 50 megapixel limit", gray.Message);
        Assert.Equal(gray.Message, rgb.Message);
        Assert.Equal(format, gray.Format);
        Assert.InRange(allocated, 0, 10_000_000);
    }

    [Fact]
    public void Accepts_exactly_50_megapixels_as_far_as_the_limit_goes()
    {
        // 10000x5000 passes the limit, so the refusal comes from the missing pixel data instead.
        var pgm = NetpbmDecoderTests.Concat("P5\n10000 5000\n255\n", new byte[64]);
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(pgm));
        Assert.StartsWith("PGM: truncated pixel data", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Recognizes_the_format_by_content_not_by_file_name()
    {
        var path = Path.Combine(Path.GetTempPath(), $"palmkey-{Guid.NewGuid():N}.png");
        var bmp = BmpDecoderTests.Gray8(6, 5);
        File.WriteAllBytes(path, bmp);
        try
        {
            Assert.Equal(ImageCodec.DecodeGray(bmp).Pixels, ImageCodec.ReadGray(path).Pixels);
            Assert.Equal(ImageCodec.DecodeRgb(bmp).Pixels, ImageCodec.ReadRgb(path).Pixels);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Reports_a_missing_file_as_an_IO_error()
    {
        var path = Path.Combine(Path.GetTempPath(), $"palmkey-missing-{Guid.NewGuid():N}.bmp");
        Assert.Throws<FileNotFoundException>(() => ImageCodec.ReadGray(path));
    }

    [Fact]
    public void Refuses_a_file_over_200_MB_without_reading_it()
    {
        var path = Path.Combine(Path.GetTempPath(), $"palmkey-large-{Guid.NewGuid():N}.bmp");
        using (var file = File.Create(path))
        {
            // A sparse file: the size is set without writing 200 MB to the disk.
            file.SetLength(200_000_001);
        }

        try
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var error = Assert.Throws<ImageFormatException>(() => ImageCodec.ReadRgb(path));
            Assert.StartsWith("File is 200.0 MB, over the 200 MB limit for images", error.Message, StringComparison.Ordinal);
            Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
