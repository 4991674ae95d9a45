using System.Buffers.Binary;

namespace PalmKey.Tests.Imaging;

/// <summary>A test-side BMP writer, independent of the decoder, that can produce every variant the decoder claims.</summary>
internal static class TestBmpWriter
{
    /// <summary>
    /// Writes a BMP from unpadded pixel rows listed top to bottom. Masks go after a 40-byte header, or
    /// inside a larger one; palette entries take 3 bytes with the 12-byte OS/2 header and 4 otherwise.
    /// </summary>
    public static byte[] Write(
        int width,
        int height,
        int bitCount,
        byte[][] rows,
        byte[]? paletteRgb = null,
        int headerSize = 40,
        uint compression = 0,
        uint[]? masks = null,
        bool topDown = false,
        int colorsUsed = 0)
    {
        var stride = ((width * bitCount) + 31) / 32 * 4;
        var entrySize = headerSize == 12 ? 3 : 4;
        var paletteEntries = paletteRgb is null ? 0 : paletteRgb.Length / 3;
        var masksAfterHeader = headerSize == 40 && masks is not null ? 12 : 0;
        var pixelOffset = 14 + headerSize + masksAfterHeader + (paletteEntries * entrySize);
        var file = new byte[pixelOffset + (stride * height)];
        file[0] = (byte)'B';
        file[1] = (byte)'M';
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(2), file.Length);
        BinaryPrimitives.WriteInt32LittleEndian(file.AsSpan(10), pixelOffset);
        var dib = file.AsSpan(14);
        BinaryPrimitives.WriteInt32LittleEndian(dib, headerSize);
        if (headerSize == 12)
        {
            BinaryPrimitives.WriteUInt16LittleEndian(dib[4..], (ushort)width);
            BinaryPrimitives.WriteUInt16LittleEndian(dib[6..], (ushort)height);
            BinaryPrimitives.WriteUInt16LittleEndian(dib[8..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(dib[10..], (ushort)bitCount);
        }
        else
        {
            BinaryPrimitives.WriteInt32LittleEndian(dib[4..], width);
            BinaryPrimitives.WriteInt32LittleEndian(dib[8..], topDown ? -height : height);
            BinaryPrimitives.WriteUInt16LittleEndian(dib[12..], 1);
            BinaryPrimitives.WriteUInt16LittleEndian(dib[14..], (ushort)bitCount);
            BinaryPrimitives.WriteUInt32LittleEndian(dib[16..], compression);
            BinaryPrimitives.WriteInt32LittleEndian(dib[20..], stride * height);
            BinaryPrimitives.WriteInt32LittleEndian(dib[24..], 2835);
            BinaryPrimitives.WriteInt32LittleEndian(dib[28..], 2835);
            BinaryPrimitives.WriteInt32LittleEndian(dib[32..], colorsUsed);
            if (masks is not null)
            {
                for (var i = 0; i < 3; i++)
                {
                    BinaryPrimitives.WriteUInt32LittleEndian(dib[(40 + (4 * i))..], masks[i]);
                }
            }
        }

        var palette = file.AsSpan(14 + headerSize + masksAfterHeader);
        for (var i = 0; i < paletteEntries; i++)
        {
            palette[i * entrySize] = paletteRgb![(3 * i) + 2];
            palette[(i * entrySize) + 1] = paletteRgb[(3 * i) + 1];
            palette[(i * entrySize) + 2] = paletteRgb[3 * i];
        }

        for (var y = 0; y < height; y++)
        {
            var storedRow = topDown ? y : height - 1 - y;
            rows[y].CopyTo(file.AsSpan(pixelOffset + (storedRow * stride)));
        }

        return file;
    }

    /// <summary>Packs one index per pixel into 1-, 4- or 8-bit rows, most significant bits first.</summary>
    public static byte[][] PackIndices(byte[] indices, int width, int height, int bitCount)
    {
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new byte[((width * bitCount) + 7) / 8];
            for (var x = 0; x < width; x++)
            {
                var bit = x * bitCount;
                rows[y][bit / 8] |= (byte)(indices[(y * width) + x] << (8 - bitCount - (bit % 8)));
            }
        }

        return rows;
    }

    /// <summary>Packs interleaved RGB into 24-bit BGR rows.</summary>
    public static byte[][] PackBgr(byte[] rgb, int width, int height)
    {
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new byte[width * 3];
            for (var x = 0; x < width; x++)
            {
                var source = ((y * width) + x) * 3;
                rows[y][3 * x] = rgb[source + 2];
                rows[y][(3 * x) + 1] = rgb[source + 1];
                rows[y][(3 * x) + 2] = rgb[source];
            }
        }

        return rows;
    }

    /// <summary>Packs one little-endian value of <paramref name="bytesPerPixel"/> bytes per pixel.</summary>
    public static byte[][] PackValues(uint[] values, int width, int height, int bytesPerPixel)
    {
        var rows = new byte[height][];
        for (var y = 0; y < height; y++)
        {
            rows[y] = new byte[width * bytesPerPixel];
            for (var x = 0; x < width; x++)
            {
                var value = values[(y * width) + x];
                for (var b = 0; b < bytesPerPixel; b++)
                {
                    rows[y][(x * bytesPerPixel) + b] = (byte)(value >> (8 * b));
                }
            }
        }

        return rows;
    }
}
