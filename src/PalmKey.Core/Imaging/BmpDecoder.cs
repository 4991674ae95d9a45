using System.Buffers.Binary;
using System.Globalization;
using System.Numerics;

namespace PalmKey.Imaging;

/// <summary>
/// Decodes Windows and OS/2 bitmaps: 1-, 4- and 8-bit palette, 16- and 32-bit bit fields, 24-bit BGR,
/// bottom-up and top-down. RLE and embedded JPEG/PNG compression are refused.
/// </summary>
internal static class BmpDecoder
{
    private const string Format = "BMP";
    private const int FileHeaderSize = 14;
    private const int CoreHeaderSize = 12;
    private const int InfoHeaderSize = 40;

    private const uint CompressionRgb = 0;
    private const uint CompressionRle8 = 1;
    private const uint CompressionRle4 = 2;
    private const uint CompressionBitFields = 3;
    private const uint CompressionJpeg = 4;
    private const uint CompressionPng = 5;
    private const uint CompressionAlphaBitFields = 6;

    public static bool IsBmp(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == (byte)'B' && data[1] == (byte)'M';

    public static DecodedImage Decode(ReadOnlySpan<byte> data, PixelLayout layout)
    {
        if (data.Length < FileHeaderSize + 4)
        {
            throw Error($"truncated file header ({data.Length} bytes)");
        }

        long pixelOffset = BinaryPrimitives.ReadUInt32LittleEndian(data[10..]);
        long headerSize = BinaryPrimitives.ReadUInt32LittleEndian(data[14..]);
        if (headerSize is not (CoreHeaderSize or InfoHeaderSize or 52 or 56 or 108 or 124))
        {
            throw Error($"unsupported header size {headerSize} (expected 12, 40, 52, 56, 108 or 124)");
        }

        var minimum = FileHeaderSize + Math.Min(headerSize, InfoHeaderSize);
        if (data.Length < minimum)
        {
            throw Error($"truncated header (expected {minimum} bytes, found {data.Length})");
        }

        long width;
        long height;
        int planes;
        int bitCount;
        uint compression = CompressionRgb;
        long colorsUsed = 0;
        if (headerSize == CoreHeaderSize)
        {
            width = BinaryPrimitives.ReadUInt16LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadUInt16LittleEndian(data[20..]);
            planes = BinaryPrimitives.ReadUInt16LittleEndian(data[22..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(data[24..]);
        }
        else
        {
            width = BinaryPrimitives.ReadInt32LittleEndian(data[18..]);
            height = BinaryPrimitives.ReadInt32LittleEndian(data[22..]);
            planes = BinaryPrimitives.ReadUInt16LittleEndian(data[26..]);
            bitCount = BinaryPrimitives.ReadUInt16LittleEndian(data[28..]);
            compression = BinaryPrimitives.ReadUInt32LittleEndian(data[30..]);
            colorsUsed = BinaryPrimitives.ReadUInt32LittleEndian(data[46..]);
        }

        // A negative height marks a top-down bitmap; long keeps int.MinValue from overflowing.
        var topDown = height < 0;
        height = Math.Abs(height);
        ImageLimits.CheckDimensions(Format, width, height);
        if (planes != 1)
        {
            throw Error($"plane count is {planes}, expected 1");
        }

        CheckCompression(compression, bitCount);

        var stride = ((width * bitCount) + 31) / 32 * 4;
        var pixelBytes = stride * height;
        var available = pixelOffset <= data.Length ? data.Length - pixelOffset : 0;
        if (available < pixelBytes)
        {
            throw Error($"truncated pixel data (expected {pixelBytes} bytes, found {available})");
        }

        var w = (int)width;
        var h = (int)height;
        var pixels = data.Slice((int)pixelOffset, (int)pixelBytes);
        if (bitCount <= 8)
        {
            var entrySize = headerSize == CoreHeaderSize ? 3 : 4;
            var palette = ReadPalette(data, FileHeaderSize + (int)headerSize, entrySize, bitCount, colorsUsed, layout);
            var output = new byte[(long)w * h * (int)layout];
            DecodeIndexed(pixels, (int)stride, w, h, topDown, bitCount, palette, output, layout);
            return new DecodedImage(w, h, output);
        }

        var masks = ReadMasks(data, compression, bitCount);
        var direct = new byte[(long)w * h * (int)layout];
        DecodeDirect(pixels, (int)stride, w, h, topDown, bitCount, masks, direct, layout);
        return new DecodedImage(w, h, direct);
    }

    private static void CheckCompression(uint compression, int bitCount)
    {
        switch (compression)
        {
            case CompressionRgb when bitCount is 1 or 4 or 8 or 16 or 24 or 32:
            case CompressionBitFields or CompressionAlphaBitFields when bitCount is 16 or 32:
                return;
            case CompressionRgb or CompressionBitFields or CompressionAlphaBitFields:
                throw Error($"bit depth {bitCount} is not supported with compression {compression}");
            case CompressionRle8:
                throw Error($"RLE8 compression is not supported");
            case CompressionRle4:
                throw Error($"RLE4 compression is not supported");
            case CompressionJpeg:
                throw Error($"embedded JPEG compression is not supported");
            case CompressionPng:
                throw Error($"embedded PNG compression is not supported");
            default:
                throw Error($"unknown compression {compression}");
        }
    }

    /// <summary>Returns the palette already converted to <paramref name="layout"/>, and its entry count.</summary>
    private static (byte[] Table, int Count) ReadPalette(ReadOnlySpan<byte> data, int offset, int entrySize, int bitCount, long colorsUsed, PixelLayout layout)
    {
        // Zero means "all 2^n"; more than 2^n entries can never be addressed, so they are not read.
        var maximum = 1 << bitCount;
        var count = colorsUsed == 0 || colorsUsed > maximum ? maximum : (int)colorsUsed;
        var available = Math.Max(0, data.Length - offset);
        if (available < (long)count * entrySize)
        {
            throw Error($"truncated palette (expected {count * entrySize} bytes, found {available})");
        }

        var channels = (int)layout;
        var table = new byte[count * channels];
        for (var i = 0; i < count; i++)
        {
            var entry = data.Slice(offset + (i * entrySize), 3);
            if (layout == PixelLayout.Gray)
            {
                table[i] = PixelConvert.Luma(entry[2], entry[1], entry[0]);
            }
            else
            {
                table[(i * 3) + 0] = entry[2];
                table[(i * 3) + 1] = entry[1];
                table[(i * 3) + 2] = entry[0];
            }
        }

        return (table, count);
    }

    private static void DecodeIndexed(ReadOnlySpan<byte> pixels, int stride, int width, int height, bool topDown, int bitCount, (byte[] Table, int Count) palette, byte[] output, PixelLayout layout)
    {
        var channels = (int)layout;
        var indices = bitCount == 8 ? null : new byte[width];

        // Gray scanners write 8-bit files whose palette is the identity ramp; their rows are the pixels.
        var identity = bitCount == 8 && layout == PixelLayout.Gray && palette.Count == 256 && IsIdentity(palette.Table);
        for (var y = 0; y < height; y++)
        {
            var source = pixels.Slice((topDown ? y : height - 1 - y) * stride, stride);
            if (identity)
            {
                source[..width].CopyTo(output.AsSpan(y * width, width));
                continue;
            }

            ReadOnlySpan<byte> row;
            if (indices is null)
            {
                row = source[..width];
            }
            else
            {
                PixelConvert.UnpackBits(source, bitCount, indices);
                row = indices;
            }

            if (palette.Count < 256)
            {
                var bad = row.IndexOfAnyInRange((byte)palette.Count, byte.MaxValue);
                if (bad >= 0)
                {
                    throw Error($"palette index {row[bad]} out of range (palette has {palette.Count} entries)");
                }
            }

            var destination = output.AsSpan(y * width * channels, width * channels);
            if (layout == PixelLayout.Gray)
            {
                for (var x = 0; x < width; x++)
                {
                    destination[x] = palette.Table[row[x]];
                }
            }
            else
            {
                for (var x = 0; x < width; x++)
                {
                    palette.Table.AsSpan(row[x] * 3, 3).CopyTo(destination.Slice(x * 3, 3));
                }
            }
        }
    }

    private static bool IsIdentity(byte[] table)
    {
        for (var i = 0; i < table.Length; i++)
        {
            if (table[i] != i)
            {
                return false;
            }
        }

        return true;
    }

    private static ChannelMask[] ReadMasks(ReadOnlySpan<byte> data, uint compression, int bitCount)
    {
        uint red;
        uint green;
        uint blue;
        if (compression == CompressionRgb)
        {
            (red, green, blue) = bitCount == 16 ? (0x7C00u, 0x03E0u, 0x001Fu) : (0xFF0000u, 0xFF00u, 0xFFu);
        }
        else
        {
            // The masks follow a 40-byte header and sit inside the larger headers, at the same offset.
            const int MaskOffset = FileHeaderSize + InfoHeaderSize;
            if (data.Length < MaskOffset + 12)
            {
                throw Error($"truncated bit field masks");
            }

            red = BinaryPrimitives.ReadUInt32LittleEndian(data[MaskOffset..]);
            green = BinaryPrimitives.ReadUInt32LittleEndian(data[(MaskOffset + 4)..]);
            blue = BinaryPrimitives.ReadUInt32LittleEndian(data[(MaskOffset + 8)..]);
        }

        return [ChannelMask.Create(red, bitCount), ChannelMask.Create(green, bitCount), ChannelMask.Create(blue, bitCount)];
    }

    private static void DecodeDirect(ReadOnlySpan<byte> pixels, int stride, int width, int height, bool topDown, int bitCount, ChannelMask[] masks, byte[] output, PixelLayout layout)
    {
        var channels = (int)layout;
        var rgb = new byte[width * 3];
        var standard32 = bitCount == 32 && masks[0].IsByte(16) && masks[1].IsByte(8) && masks[2].IsByte(0);
        for (var y = 0; y < height; y++)
        {
            var source = pixels.Slice((topDown ? y : height - 1 - y) * stride, stride);
            if (bitCount == 24 || standard32)
            {
                var step = bitCount / 8;
                for (int x = 0, s = 0, d = 0; x < width; x++, s += step, d += 3)
                {
                    rgb[d] = source[s + 2];
                    rgb[d + 1] = source[s + 1];
                    rgb[d + 2] = source[s];
                }
            }
            else
            {
                for (int x = 0, d = 0; x < width; x++, d += 3)
                {
                    var value = bitCount == 16
                        ? BinaryPrimitives.ReadUInt16LittleEndian(source[(x * 2)..])
                        : BinaryPrimitives.ReadUInt32LittleEndian(source[(x * 4)..]);
                    rgb[d] = masks[0].Extract(value);
                    rgb[d + 1] = masks[1].Extract(value);
                    rgb[d + 2] = masks[2].Extract(value);
                }
            }

            PixelConvert.FromRgb(rgb, output.AsSpan(y * width * channels, width * channels), width, layout);
        }
    }

    private static ImageFormatException Error(FormattableString problem) =>
        ImageFormatException.For(Format, problem.ToString(CultureInfo.InvariantCulture));

    /// <summary>One channel's bit field: where it sits in the pixel and how to scale it to 8 bits.</summary>
    private readonly record struct ChannelMask(int Shift, int Bits)
    {
        public static ChannelMask Create(uint mask, int bitCount)
        {
            if (bitCount == 16)
            {
                mask &= 0xFFFF;
            }

            if (mask == 0)
            {
                return new ChannelMask(0, 0);
            }

            var shift = BitOperations.TrailingZeroCount(mask);
            var bits = BitOperations.PopCount(mask);
            if (bits != 32 && (mask >> shift) != (1u << bits) - 1)
            {
                throw Error($"bit field mask 0x{mask:X8} is not contiguous");
            }

            return new ChannelMask(shift, bits);
        }

        public bool IsByte(int shift) => Shift == shift && Bits == 8;

        public byte Extract(uint pixel)
        {
            if (Bits == 0)
            {
                return 0;
            }

            var maximum = (1UL << Bits) - 1;
            var value = (pixel >> Shift) & maximum;
            return (byte)(((value * 255) + (maximum / 2)) / maximum);
        }
    }
}
