using System.Buffers.Binary;
using System.IO.Compression;

namespace PalmKey.Imaging;

/// <summary>
/// Writes 8-bit gray or RGB PNG: one IDAT chunk, zlib at its default level (as libpng does; the fastest
/// level makes camera frames about half as large again), and per row the filter with the smallest sum
/// of absolute differences (the heuristic libpng uses).
/// </summary>
internal static class PngEncoder
{
    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    /// <summary>Encodes <paramref name="pixels"/>, width * height * layout bytes, row by row.</summary>
    public static byte[] Encode(int width, int height, ReadOnlySpan<byte> pixels, PixelLayout layout)
    {
        var bpp = (int)layout;
        var rowBytes = width * bpp;
        using var compressed = new MemoryStream();
        using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
        {
            var candidates = new byte[5][];
            for (var f = 0; f < candidates.Length; f++)
            {
                candidates[f] = new byte[rowBytes + 1];
                candidates[f][0] = (byte)f;
            }

            var zeros = new byte[rowBytes];
            for (var y = 0; y < height; y++)
            {
                var row = pixels.Slice(y * rowBytes, rowBytes);
                var previous = y == 0 ? zeros : pixels.Slice((y - 1) * rowBytes, rowBytes);
                var best = 0;
                var bestCost = long.MaxValue;
                for (var f = 0; f < candidates.Length; f++)
                {
                    var cost = PngFilter.Apply(f, row, previous, bpp, candidates[f].AsSpan(1));
                    if (cost < bestCost)
                    {
                        (best, bestCost) = (f, cost);
                    }
                }

                zlib.Write(candidates[best]);
            }
        }

        using var output = new MemoryStream((int)compressed.Length + 64);
        output.Write(Signature);
        Span<byte> header = stackalloc byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, width);
        BinaryPrimitives.WriteInt32BigEndian(header[4..], height);
        header[8] = 8;
        header[9] = (byte)(layout == PixelLayout.Gray ? 0 : 2);
        header[10] = 0;
        header[11] = 0;
        header[12] = 0;
        WriteChunk(output, "IHDR"u8, header);
        WriteChunk(output, "IDAT"u8, compressed.GetBuffer().AsSpan(0, (int)compressed.Length));
        WriteChunk(output, "IEND"u8, []);
        return output.ToArray();
    }

    private static void WriteChunk(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> body)
    {
        Span<byte> number = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(number, body.Length);
        output.Write(number);
        output.Write(type);
        output.Write(body);
        BinaryPrimitives.WriteUInt32BigEndian(number, Crc32.Compute(type, body));
        output.Write(number);
    }
}
