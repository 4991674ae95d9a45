using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

public sealed class PngDecoderTests
{
    private static readonly int[] MixedFilters = [0, 1, 2, 3, 4, 4, 3, 2, 1];

    public static TheoryData<int, int, bool> Variants()
    {
        var data = new TheoryData<int, int, bool>();
        (int ColorType, int[] Depths)[] valid =
        [
            (0, [1, 2, 4, 8, 16]), (2, [8, 16]), (3, [1, 2, 4, 8]), (4, [8, 16]), (6, [8, 16]),
        ];
        foreach (var (colorType, depths) in valid)
        {
            foreach (var depth in depths)
            {
                data.Add(colorType, depth, false);
                data.Add(colorType, depth, true);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Variants))]
    public void Decodes_every_color_type_and_bit_depth_exactly(int colorType, int bitDepth, bool interlaced)
    {
        // 13x11 leaves partial bytes at the end of low-depth rows and makes every Adam7 pass non-empty but uneven.
        var image = Image.Create(13, 11, colorType, bitDepth, seed: (colorType * 100) + bitDepth);
        var png = TestPngWriter.Write(13, 11, colorType, bitDepth, image.Samples, MixedFilters, image.Palette, interlaced, idatChunkSize: 50);

        var rgb = ImageCodec.DecodeRgb(png);
        var gray = ImageCodec.DecodeGray(png);

        Assert.Equal((13, 11), (rgb.Width, rgb.Height));
        Assert.Equal(image.ExpectedRgb, rgb.Pixels);
        Assert.Equal(TestPixels.ToGray(image.ExpectedRgb), gray.Pixels);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(4)]
    public void Decodes_each_filter_type_alone(int filter)
    {
        foreach (var (colorType, depth) in new[] { (0, 8), (2, 8), (6, 16), (0, 2) })
        {
            var image = Image.Create(17, 9, colorType, depth, seed: filter);
            var png = TestPngWriter.Write(17, 9, colorType, depth, image.Samples, [filter]);

            Assert.Equal(image.ExpectedRgb, ImageCodec.DecodeRgb(png).Pixels);
        }
    }

    [Fact]
    public void Decodes_tiny_interlaced_images_whose_passes_are_mostly_empty()
    {
        foreach (var (width, height) in new[] { (1, 1), (2, 1), (1, 5), (3, 2), (5, 5), (9, 1) })
        {
            var image = Image.Create(width, height, 2, 8, seed: width * height);
            var png = TestPngWriter.Write(width, height, 2, 8, image.Samples, MixedFilters, interlaced: true);

            Assert.Equal(image.ExpectedRgb, ImageCodec.DecodeRgb(png).Pixels);
        }
    }

    [Fact]
    public void Joins_data_split_into_one_byte_IDAT_chunks()
    {
        var image = Image.Create(20, 20, 0, 8, seed: 7);
        var png = TestPngWriter.Write(20, 20, 0, 8, image.Samples, MixedFilters, idatChunkSize: 1);

        Assert.Equal(image.ExpectedRgb.Length / 3, ImageCodec.DecodeGray(png).Pixels.Length);
        Assert.Equal(TestPixels.ToGray(image.ExpectedRgb), ImageCodec.DecodeGray(png).Pixels);
    }

    [Fact]
    public void Refuses_a_bad_signature()
    {
        var png = Valid();
        png[4] = 0x0A; // the CR of CR LF lost, as a text-mode transfer would
        AssertRefused(png, "PNG: bad signature");
    }

    [Fact]
    public void Refuses_a_CRC_mismatch_and_names_the_chunk()
    {
        var png = Valid();
        var idat = IndexOf(png, "IDAT");
        png[idat + 6] ^= 0x40;
        AssertRefused(png, "PNG: chunk IDAT CRC mismatch");
    }

    [Fact]
    public void Refuses_a_file_that_does_not_start_with_IHDR()
    {
        var png = Build(("gAMA", [0, 0, 0xB1, 0x8F]), ("IHDR", Header(4, 4, 8, 0)), ("IDAT", ZlibOf(new byte[20])), ("IEND", []));
        AssertRefused(png, "PNG: first chunk is gAMA, expected IHDR");
    }

    [Fact]
    public void Refuses_missing_IDAT_and_missing_IEND()
    {
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IEND", [])), "PNG: missing IDAT chunk");
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", ZlibOf(new byte[20]))), "PNG: missing IEND chunk");
    }

    [Fact]
    public void Refuses_IDAT_chunks_that_are_not_consecutive()
    {
        var data = ZlibOf(new byte[20]);
        var png = Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", data[..5]), ("tEXt", "a\0b"u8.ToArray()), ("IDAT", data[5..]), ("IEND", []));
        AssertRefused(png, "PNG: IDAT chunks are not consecutive");
    }

    [Fact]
    public void Refuses_an_unknown_critical_chunk_but_skips_unknown_ancillary_ones()
    {
        var raw = new byte[20];
        Assert.Equal(16, ImageCodec.DecodeGray(Build(("IHDR", Header(4, 4, 8, 0)), ("zzZz", [1, 2]), ("IDAT", ZlibOf(raw)), ("IEND", []))).Pixels.Length);
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("ZZZZ", [1, 2]), ("IDAT", ZlibOf(raw)), ("IEND", [])), "PNG: unknown critical chunk ZZZZ");
    }

    [Theory]
    [InlineData(0, 3, "invalid bit depth 3 for color type 0")]
    [InlineData(2, 4, "invalid bit depth 4 for color type 2")]
    [InlineData(3, 16, "invalid bit depth 16 for color type 3")]
    [InlineData(4, 1, "invalid bit depth 1 for color type 4")]
    [InlineData(6, 2, "invalid bit depth 2 for color type 6")]
    [InlineData(5, 8, "invalid color type 5")]
    public void Refuses_invalid_bit_depth_and_color_type_combinations(int colorType, int depth, string message)
    {
        AssertRefused(Build(("IHDR", Header(4, 4, depth, colorType)), ("IDAT", ZlibOf(new byte[20])), ("IEND", [])), "PNG: " + message);
    }

    [Theory]
    [InlineData(0, 4, "PNG: invalid dimensions 0x4")]
    [InlineData(4, 0, "PNG: invalid dimensions 4x0")]
    [InlineData(100000, 100000, "PNG: image is 100000x100000 = 10000.0 megapixels, over the 50 megapixel limit")]
    [InlineData(4294967295, 1, "PNG: image is 4294967295x1")]
    public void Refuses_zero_and_over_limit_dimensions(long width, long height, string message)
    {
        var header = Header(1, 1, 8, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header, (uint)width);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), (uint)height);
        AssertRefused(Build(("IHDR", header), ("IDAT", ZlibOf(new byte[20])), ("IEND", [])), message);
    }

    [Fact]
    public void Refuses_interlace_and_compression_methods_it_does_not_know()
    {
        var header = Header(4, 4, 8, 0);
        header[12] = 2;
        AssertRefused(Build(("IHDR", header), ("IDAT", ZlibOf(new byte[20])), ("IEND", [])), "PNG: unknown interlace method 2");
        header = Header(4, 4, 8, 0);
        header[10] = 1;
        AssertRefused(Build(("IHDR", header), ("IDAT", ZlibOf(new byte[20])), ("IEND", [])), "PNG: unknown compression method 1");
    }

    [Fact]
    public void Refuses_decompressed_data_that_is_too_short_or_too_long()
    {
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", ZlibOf(new byte[19])), ("IEND", [])), "PNG: decompressed data too short (expected 20 bytes, got 19)");
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", ZlibOf(new byte[21])), ("IEND", [])), "PNG: decompressed data too long");
    }

    [Fact]
    public void Refuses_corrupt_zlib_data()
    {
        var data = ZlibOf(TestPixels.Random(20, 3));
        data[0] = 0x79; // not a deflate zlib header
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", data), ("IEND", [])), "PNG: corrupt zlib data (after 0 of 20 decompressed bytes)");
    }

    [Fact]
    public void Refuses_a_wrong_zlib_checksum()
    {
        var data = ZlibOf([0, 1, 2, 3, 4, 0, 5, 6, 7, 8, 0, 9, 10, 11, 12, 0, 13, 14, 15, 16]);
        data[^1] ^= 1; // the Adler-32 trailer
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", data), ("IEND", [])), "PNG: corrupt zlib data (after ");
    }

    [Fact]
    public void Refuses_a_bad_filter_byte_and_names_the_row()
    {
        var raw = new byte[20];
        raw[10] = 5;
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 0)), ("IDAT", ZlibOf(raw)), ("IEND", [])), "PNG: invalid filter type 5 on row 2");
    }

    [Fact]
    public void Refuses_a_palette_image_without_PLTE_and_an_index_beyond_the_palette()
    {
        var raw = new byte[20];
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 3)), ("IDAT", ZlibOf(raw)), ("IEND", [])), "PNG: missing PLTE chunk for a palette image");
        raw[7] = 2;
        AssertRefused(
            Build(("IHDR", Header(4, 4, 8, 3)), ("PLTE", [1, 2, 3, 4, 5, 6]), ("IDAT", ZlibOf(raw)), ("IEND", [])),
            "PNG: palette index 2 out of range (palette has 2 entries)");
        AssertRefused(Build(("IHDR", Header(4, 4, 8, 3)), ("PLTE", [1, 2, 3, 4]), ("IDAT", ZlibOf(raw)), ("IEND", [])), "PNG: invalid PLTE length 4");
    }

    [Fact]
    public void Refuses_a_chunk_longer_than_the_file()
    {
        var png = Valid();
        var idat = IndexOf(png, "IDAT");
        BinaryPrimitives.WriteUInt32BigEndian(png.AsSpan(idat - 4), 0x7FFFFFFF);
        AssertRefused(png, "PNG: chunk IDAT truncated");
    }

    [Fact]
    public void Refuses_a_huge_image_backed_by_a_few_compressed_bytes_before_allocating()
    {
        // 7000x7000 RGBA16 would need 392 MB of scanlines; the 9 compressed bytes cannot hold them.
        var png = Build(("IHDR", Header(7000, 7000, 16, 6)), ("IDAT", ZlibOf([0])), ("IEND", []));
        var before = GC.GetAllocatedBytesForCurrentThread();
        AssertRefused(png, "PNG: decompressed data too short");
        Assert.InRange(GC.GetAllocatedBytesForCurrentThread() - before, 0, 1_000_000);
    }

    /// <summary>A valid 8x8 RGB image with mixed filters.</summary>
    internal static byte[] Valid()
    {
        var image = Image.Create(8, 8, 2, 8, seed: 1);
        return TestPngWriter.Write(8, 8, 2, 8, image.Samples, MixedFilters);
    }

    internal static byte[] Header(int width, int height, int depth, int colorType)
    {
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)depth;
        header[9] = (byte)colorType;
        return header;
    }

    internal static byte[] Build(params (string Type, byte[] Body)[] chunks)
    {
        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        foreach (var (type, body) in chunks)
        {
            TestPngWriter.WriteChunk(file, type, body);
        }

        return file.ToArray();
    }

    internal static byte[] ZlibOf(byte[] raw)
    {
        using var buffer = new MemoryStream();
        using (var zlib = new System.IO.Compression.ZLibStream(buffer, System.IO.Compression.CompressionLevel.Optimal, leaveOpen: true))
        {
            zlib.Write(raw);
        }

        return buffer.ToArray();
    }

    private static int IndexOf(byte[] file, string type) =>
        file.AsSpan().IndexOf(System.Text.Encoding.ASCII.GetBytes(type));

    private static void AssertRefused(byte[] png, string message)
    {
        var error = Assert.Throws<ImageFormatException>(() => ImageCodec.DecodeGray(png));
        Assert.StartsWith(message, error.Message, StringComparison.Ordinal);
        Assert.Equal("PNG", error.Format);
    }

    /// <summary>Random samples for one PNG variant, with the RGB a correct decoder must produce.</summary>
    private sealed record Image(ushort[] Samples, byte[]? Palette, byte[] ExpectedRgb)
    {
        public static Image Create(int width, int height, int colorType, int bitDepth, int seed)
        {
            var random = new Random(seed);
            var channels = TestPngWriter.Channels(colorType);
            var samples = new ushort[width * height * channels];
            byte[]? palette = null;
            var entries = 0;
            if (colorType == 3)
            {
                entries = Math.Min(1 << bitDepth, 200); // fewer than 256 entries, all of them used
                palette = new byte[entries * 3];
                random.NextBytes(palette);
            }

            var limit = colorType == 3 ? entries : 1 << bitDepth;
            for (var i = 0; i < samples.Length; i++)
            {
                samples[i] = (ushort)random.Next(limit);
            }

            var expected = new byte[width * height * 3];
            for (var p = 0; p < width * height; p++)
            {
                for (var c = 0; c < 3; c++)
                {
                    expected[(3 * p) + c] = colorType switch
                    {
                        3 => palette![(samples[p] * 3) + c],
                        0 or 4 => Scale(samples[p * channels], bitDepth),
                        _ => Scale(samples[(p * channels) + c], bitDepth),
                    };
                }
            }

            return new Image(samples, palette, expected);
        }

        private static byte Scale(int sample, int depth) => depth switch
        {
            16 => (byte)(sample >> 8),
            8 => (byte)sample,
            _ => (byte)(sample * 255 / ((1 << depth) - 1)),
        };
    }
}
