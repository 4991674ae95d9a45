using System.Buffers.Binary;
using System.IO.Compression;

namespace PalmKey.Tests.Imaging;

/// <summary>
/// A test-side PNG writer, independent of the library's encoder: any color type and bit depth, a chosen
/// filter per row, Adam7 interlacing and IDAT split into chunks of a chosen size.
/// </summary>
internal static class TestPngWriter
{
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 =
    [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ];

    public static int Channels(int colorType) => colorType switch
    {
        0 or 3 => 1,
        4 => 2,
        2 => 3,
        _ => 4,
    };

    /// <summary>
    /// Writes <paramref name="samples"/> (channels per pixel, row-major, each within the bit depth) as a PNG.
    /// Row number i of the filtered stream, counted across passes, uses filters[i % filters.Length].
    /// </summary>
    public static byte[] Write(
        int width,
        int height,
        int colorType,
        int bitDepth,
        ushort[] samples,
        int[] filters,
        byte[]? palette = null,
        bool interlaced = false,
        int idatChunkSize = int.MaxValue,
        byte[]? rawOverride = null)
    {
        var channels = Channels(colorType);
        var raw = rawOverride ?? Filtered(width, height, channels, bitDepth, samples, filters, interlaced);
        byte[] compressed;
        using (var buffer = new MemoryStream())
        {
            using (var zlib = new ZLibStream(buffer, CompressionLevel.Optimal, leaveOpen: true))
            {
                zlib.Write(raw);
            }

            compressed = buffer.ToArray();
        }

        using var file = new MemoryStream();
        file.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), height);
        header[8] = (byte)bitDepth;
        header[9] = (byte)colorType;
        header[12] = (byte)(interlaced ? 1 : 0);
        WriteChunk(file, "IHDR", header);
        WriteChunk(file, "gAMA", [0, 0, 0xB1, 0x8F]);
        if (palette is not null)
        {
            WriteChunk(file, "PLTE", palette);
        }

        for (var offset = 0; offset < compressed.Length; offset += idatChunkSize)
        {
            WriteChunk(file, "IDAT", compressed.AsSpan(offset, Math.Min(idatChunkSize, compressed.Length - offset)));
        }

        WriteChunk(file, "IEND", []);
        return file.ToArray();
    }

    /// <summary>The filtered scanlines, each led by its filter byte, for all passes in order.</summary>
    public static byte[] Filtered(int width, int height, int channels, int bitDepth, ushort[] samples, int[] filters, bool interlaced)
    {
        var passes = interlaced ? Adam7 : [(0, 0, 1, 1)];
        var output = new List<byte>();
        var rowCounter = 0;
        foreach (var (x0, y0, dx, dy) in passes)
        {
            var passWidth = (width - x0 + dx - 1) / dx;
            var passHeight = (height - y0 + dy - 1) / dy;
            if (passWidth <= 0 || passHeight <= 0)
            {
                continue;
            }

            var rowBytes = ((passWidth * channels * bitDepth) + 7) / 8;
            var bpp = Math.Max(1, channels * bitDepth / 8);
            var previous = new byte[rowBytes];
            for (var j = 0; j < passHeight; j++)
            {
                var row = new byte[rowBytes];
                var bit = 0;
                for (var i = 0; i < passWidth; i++)
                {
                    var pixel = (((y0 + (j * dy)) * width) + x0 + (i * dx)) * channels;
                    for (var c = 0; c < channels; c++)
                    {
                        var value = samples[pixel + c];
                        if (bitDepth == 16)
                        {
                            row[bit / 8] = (byte)(value >> 8);
                            row[(bit / 8) + 1] = (byte)value;
                        }
                        else
                        {
                            row[bit / 8] |= (byte)(value << (8 - bitDepth - (bit % 8)));
                        }

                        bit += bitDepth;
                    }
                }

                var filter = filters[rowCounter++ % filters.Length];
                output.Add((byte)filter);
                for (var i = 0; i < rowBytes; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0;
                    int b = previous[i];
                    int c = i >= bpp ? previous[i - bpp] : 0;
                    var predicted = filter switch
                    {
                        0 => 0,
                        1 => a,
                        2 => b,
                        3 => (a + b) / 2,
                        _ => Paeth(a, b, c),
                    };
                    output.Add((byte)(row[i] - predicted));
                }

                previous = row;
            }
        }

        return [.. output];
    }

    public static void WriteChunk(Stream file, string type, ReadOnlySpan<byte> body)
    {
        var chunk = new byte[body.Length + 12];
        BinaryPrimitives.WriteInt32BigEndian(chunk, body.Length);
        for (var i = 0; i < 4; i++)
        {
            chunk[4 + i] = (byte)type[i];
        }

        body.CopyTo(chunk.AsSpan(8));
        BinaryPrimitives.WriteUInt32BigEndian(chunk.AsSpan(8 + body.Length), Crc(chunk.AsSpan(4, 4 + body.Length)));
        file.Write(chunk);
    }

    /// <summary>Recomputes the CRC of every chunk whose length still fits in the file, so that mutations reach the decoder's later stages.</summary>
    public static void FixCrcs(byte[] file)
    {
        var position = 8;
        while (position + 12 <= file.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(file.AsSpan(position));
            if (length > file.Length - position - 12)
            {
                return;
            }

            BinaryPrimitives.WriteUInt32BigEndian(file.AsSpan(position + 8 + (int)length), Crc(file.AsSpan(position + 4, 4 + (int)length)));
            position += 12 + (int)length;
        }
    }

    /// <summary>
    /// Inflates the IDAT data, applies <paramref name="change"/>, and writes the file again with one new
    /// IDAT chunk in place of the old ones. Leaves the file alone where its IDAT data does not inflate.
    /// </summary>
    public static (byte[] Data, string What) RewriteImageData(byte[] png, Func<byte[], byte[]> change)
    {
        var chunks = new List<(string Type, byte[] Body)>();
        var position = 8;
        while (position + 12 <= png.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            if (length > png.Length - position - 12)
            {
                break;
            }

            chunks.Add((System.Text.Encoding.ASCII.GetString(png, position + 4, 4), png.AsSpan(position + 8, (int)length).ToArray()));
            position += 12 + (int)length;
        }

        byte[] raw;
        try
        {
            using var inflater = new ZLibStream(new MemoryStream([.. chunks.Where(c => c.Type == "IDAT").SelectMany(c => c.Body)]), CompressionMode.Decompress);
            using var buffer = new MemoryStream();
            inflater.CopyTo(buffer);
            raw = buffer.ToArray();
        }
        catch (InvalidDataException)
        {
            return (png, "image data left alone (does not inflate)");
        }

        var changed = change(raw);
        using var file = new MemoryStream();
        file.Write(png.AsSpan(0, 8));
        var written = false;
        foreach (var (type, body) in chunks)
        {
            if (type != "IDAT")
            {
                WriteChunk(file, type, body);
            }
            else if (!written)
            {
                using var buffer = new MemoryStream();
                using (var deflater = new ZLibStream(buffer, CompressionLevel.Fastest, leaveOpen: true))
                {
                    deflater.Write(changed);
                }

                WriteChunk(file, "IDAT", buffer.ToArray());
                written = true;
            }
        }

        return (file.ToArray(), $"image data rewritten ({raw.Length} -> {changed.Length} bytes)");
    }

    /// <summary>Bitwise CRC-32 (reflected 0xEDB88320), slow and obviously right.</summary>
    public static uint Crc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var value in data)
        {
            crc ^= value;
            for (var k = 0; k < 8; k++)
            {
                crc = (crc & 1) != 0 ? (crc >> 1) ^ 0xEDB88320u : crc >> 1;
            }
        }

        return ~crc;
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        var pa = Math.Abs(p - a);
        var pb = Math.Abs(p - b);
        var pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
