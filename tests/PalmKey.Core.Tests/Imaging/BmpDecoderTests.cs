using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

public sealed class BmpDecoderTests
{
    [Theory]
    [InlineData(1, false, 40)]
    [InlineData(4, false, 40)]
    [InlineData(8, false, 40)]
    [InlineData(8, true, 40)]
    [InlineData(8, false, 108)]
    [InlineData(8, false, 124)]
    [InlineData(8, false, 12)]
    [InlineData(4, true, 124)]
    public void Decodes_palette_images(int bitCount, bool topDown, int headerSize)
    {
        // Widths that are not a multiple of 4 (or of 8 pixels per byte) exercise the row padding.
        const int Width = 13;
        const int Height = 7;
        var entries = 1 << bitCount;
        var palette = TestPixels.Random(entries * 3, bitCount);
        var indices = TestPixels.Random(Width * Height, 42).Select(v => (byte)(v % entries)).ToArray();
        var bmp = TestBmpWriter.Write(Width, Height, bitCount, TestBmpWriter.PackIndices(indices, Width, Height, bitCount), palette, headerSize, topDown: topDown);
        var expected = indices.SelectMany(i => palette.AsSpan(i * 3, 3).ToArray()).ToArray();

        var rgb = ImageCodec.DecodeRgb(bmp);
        var gray = ImageCodec.DecodeGray(bmp);

        Assert.Equal((Width, Height), (rgb.Width, rgb.Height));
        Assert.Equal(expected, rgb.Pixels);
        Assert.Equal(TestPixels.ToGray(expected), gray.Pixels);
    }

    [Fact]
    public void Decodes_a_gray_palette_to_the_same_gray_values()
    {
        var palette = Enumerable.Range(0, 256).SelectMany(v => new[] { (byte)v, (byte)v, (byte)v }).ToArray();
        var indices = TestPixels.Random(128 * 128, 5);
        var bmp = TestBmpWriter.Write(128, 128, 8, TestBmpWriter.PackIndices(indices, 128, 128, 8), palette);

        Assert.Equal(indices, ImageCodec.DecodeGray(bmp).Pixels);
    }

    [Fact]
    public void Decodes_a_short_palette_given_by_the_colors_used_field()
    {
        var palette = TestPixels.Random(10 * 3, 9);
        var indices = TestPixels.Random(6 * 5, 10).Select(v => (byte)(v % 10)).ToArray();
        var bmp = TestBmpWriter.Write(6, 5, 8, TestBmpWriter.PackIndices(indices, 6, 5, 8), palette, colorsUsed: 10);

        Assert.Equal(indices.SelectMany(i => palette.AsSpan(i * 3, 3).ToArray()).ToArray(), ImageCodec.DecodeRgb(bmp).Pixels);
    }

    [Theory]
    [InlineData(false, 40)]
    [InlineData(true, 40)]
    [InlineData(false, 12)]
    [InlineData(false, 124)]
    public void Decodes_24_bit_images(bool topDown, int headerSize)
    {
        const int Width = 7; // 21 bytes per row, padded to 24
        const int Height = 5;
        var rgb = TestPixels.Random(Width * Height * 3, 24);
        var bmp = TestBmpWriter.Write(Width, Height, 24, TestBmpWriter.PackBgr(rgb, Width, Height), headerSize: headerSize, topDown: topDown);

        Assert.Equal(rgb, ImageCodec.DecodeRgb(bmp).Pixels);
        Assert.Equal(TestPixels.ToGray(rgb), ImageCodec.DecodeGray(bmp).Pixels);
    }

    public static TheoryData<int, uint, uint[]?, int> BitFieldVariants() => new()
    {
        { 32, 0u, null, 40 },                                         // BI_RGB: implied 8-8-8 masks
        { 32, 3u, [0xFF0000u, 0xFF00u, 0xFFu], 40 },                  // standard masks after the header
        { 32, 3u, [0xFF0000u, 0xFF00u, 0xFFu], 124 },                 // standard masks inside a V5 header
        { 32, 3u, [0x3FF00000u, 0x000FFC00u, 0x000003FFu], 108 },     // 10-10-10
        { 32, 3u, [0x000000FFu, 0x0000FF00u, 0x00FF0000u], 40 },      // RGB order swapped
        { 16, 0u, null, 40 },                                         // BI_RGB: implied 5-5-5
        { 16, 3u, [0xF800u, 0x07E0u, 0x001Fu], 40 },                  // 5-6-5
        { 16, 6u, [0x0F00u, 0x00F0u, 0x000Fu], 56 },                  // 4-4-4 with ALPHABITFIELDS
    };

    [Theory]
    [MemberData(nameof(BitFieldVariants))]
    public void Decodes_16_and_32_bit_images_with_any_contiguous_masks(int bitCount, uint compression, uint[]? masks, int headerSize)
    {
        const int Width = 5;
        const int Height = 3;
        var effective = masks ?? (bitCount == 16 ? [0x7C00u, 0x03E0u, 0x001Fu] : [0xFF0000u, 0xFF00u, 0xFFu]);
        var random = new Random(bitCount + (int)compression);
        var values = new uint[Width * Height];
        var expected = new byte[Width * Height * 3];
        for (var i = 0; i < values.Length; i++)
        {
            values[i] = (uint)random.NextInt64(0, 1L << bitCount);
            for (var c = 0; c < 3; c++)
            {
                var shift = System.Numerics.BitOperations.TrailingZeroCount(effective[c]);
                var maximum = effective[c] >> shift;
                var sample = (values[i] & effective[c]) >> shift;
                expected[(3 * i) + c] = (byte)Math.Round(sample * 255.0 / maximum, MidpointRounding.AwayFromZero);
            }
        }

        var bmp = TestBmpWriter.Write(Width, Height, bitCount, TestBmpWriter.PackValues(values, Width, Height, bitCount / 8), headerSize: headerSize, compression: compression, masks: masks);

        Assert.Equal(expected, ImageCodec.DecodeRgb(bmp).Pixels);
        Assert.Equal(TestPixels.ToGray(expected), ImageCodec.DecodeGray(bmp).Pixels);
    }

    [Fact]
    public void Refuses_truncated_pixel_data_with_both_sizes()
    {
        var bmp = Gray8(128, 128);
        AssertRefused(bmp[..(14 + 40 + 1024 + 1000)], "BMP: truncated pixel data (expected 16384 bytes, found 1000)");
    }

    [Theory]
    [InlineData(1u, "BMP: RLE8 compression is not supported")]
    [InlineData(2u, "BMP: RLE4 compression is not supported")]
    [InlineData(4u, "BMP: embedded JPEG compression is not supported")]
    [InlineData(5u, "BMP: embedded PNG compression is not supported")]
    [InlineData(9u, "BMP: unknown compression 9")]
    public void Refuses_compression_it_does_not_implement(uint compression, string message)
    {
        var bmp = Gray8(4, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(30), compression);
        AssertRefused(bmp, message);
    }

    [Fact]
    public void Refuses_headers_it_does_not_know_and_bad_fields()
    {
        var bmp = Gray8(4, 4);
        BinaryPrimitives.WriteUInt32LittleEndian(bmp.AsSpan(14), 64);
        AssertRefused(bmp, "BMP: unsupported header size 64");

        bmp = Gray8(4, 4);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(26), 2);
        AssertRefused(bmp, "BMP: plane count is 2, expected 1");

        bmp = Gray8(4, 4);
        BinaryPrimitives.WriteUInt16LittleEndian(bmp.AsSpan(28), 2);
        AssertRefused(bmp, "BMP: bit depth 2 is not supported with compression 0");

        AssertRefused("BM\0\0\0\0"u8.ToArray(), "BMP: truncated file header");
    }

    [Fact]
    public void Refuses_24_bit_with_bit_fields_and_non_contiguous_masks()
    {
        var rows = TestBmpWriter.PackBgr(new byte[12], 2, 2);
        AssertRefused(TestBmpWriter.Write(2, 2, 24, rows, compression: 3, masks: [0xFF0000u, 0xFF00u, 0xFFu]), "BMP: bit depth 24 is not supported with compression 3");
        var values = TestBmpWriter.PackValues(new uint[4], 2, 2, 4);
        AssertRefused(TestBmpWriter.Write(2, 2, 32, values, compression: 3, masks: [0xF0F000u, 0xFF00u, 0xFFu]), "BMP: bit field mask 0x00F0F000 is not contiguous");
    }

    [Fact]
    public void Refuses_a_palette_index_beyond_the_palette()
    {
        var indices = new byte[16];
        indices[9] = 3;
        var bmp = TestBmpWriter.Write(4, 4, 8, TestBmpWriter.PackIndices(indices, 4, 4, 8), new byte[9], colorsUsed: 3);
        AssertRefused(bmp, "BMP: palette index 3 out of range (palette has 3 entries)");
    }

    [Theory]
    [InlineData(0, 4, "BMP: invalid dimensions 0x4")]
    [InlineData(-5, 4, "BMP: invalid dimensions -5x4")]
    [InlineData(4, 0, "BMP: invalid dimensions 4x0")]
    [InlineData(100000, 100000, "BMP: image is 100000x100000 = 10000.0 megapixels, over the 50 megapixel limit")]
    [InlineData(8000, -8000, "BMP: image is 8000x8000 = 64.0 megapixels")]
    [InlineData(1, int.MinValue, "BMP: image is 1x2147483648")]
    public void Refuses_zero_negative_and_over_limit_dimensions(int width, int height, string message)
    {
        var bmp = Gray8(4, 4);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), width);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), height);
        AssertRefused(bmp, message);
    }

    [Fact]
    public void Refuses_a_huge_image_claimed_by_a_small_file_before_allocating()
    {
        var bmp = Gray8(4, 4);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(18), 7000);
        BinaryPrimitives.WriteInt32LittleEndian(bmp.AsSpan(22), 7000);
        var before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(bmp, "BMP: truncated pixel data (expected 49000000 bytes");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
    }

    /// <summary>An 8-bit gray-palette BMP with a 40-byte header, random content.</summary>
    internal static byte[] Gray8(int width, int height)
    {
        var palette = Enumerable.Range(0, 256).SelectMany(v => new[] { (byte)v, (byte)v, (byte)v }).ToArray();
        var indices = TestPixels.Random(width * height, width);
        return TestBmpWriter.Write(width, height, 8, TestBmpWriter.PackIndices(indices, width, height, 8), palette);
    }

    private static void AssertRefused(byte[] bmp, string message)
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeRgb(bmp));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("BMP", error.Format);
    }
}
