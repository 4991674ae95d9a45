using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace PalmKey.Imaging;

/// <summary>
/// Decodes PNG: every color type and bit depth of the specification, all five filters, Adam7 interlacing
/// and any number of IDAT chunks. Every chunk CRC is verified. 16-bit samples keep their high byte; alpha,
/// tRNS, gamma and color profiles are ignored, because a palm scanner frame has no meaningful
/// transparency and the engine works on relative intensities.
/// </summary>
internal static class PngDecoder
{
    private const string Format = "PNG";
    private const int ColorGray = 0;
    private const int ColorRgb = 2;
    private const int ColorPalette = 3;
    private const int ColorGrayAlpha = 4;
    private const int ColorRgbAlpha = 6;

    /// <summary>No deflate stream expands more than 1032-fold (a 258-byte match per 2 bits).</summary>
    private const long MaxDeflateRatio = 1032;

    /// <summary>The Adam7 passes: first column, first row, column step, row step.</summary>
    private static readonly (int X, int Y, int Dx, int Dy)[] Adam7 =
    [
        (0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2),
    ];

    private static readonly (int X, int Y, int Dx, int Dy)[] SinglePass = [(0, 0, 1, 1)];

    private static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static bool IsPng(ReadOnlySpan<byte> data) => data.Length >= 4 && data[..4].SequenceEqual(Signature[..4]);

    public static DecodedImage Decode(ReadOnlySpan<byte> data, PixelLayout layout)
    {
        if (data.Length < Signature.Length || !data[..Signature.Length].SequenceEqual(Signature))
        {
            throw Error($"bad signature (was the file transferred in text mode?)");
        }

        var (header, palette, compressed) = ReadChunks(data);
        if (header.ColorType == ColorPalette && palette is null)
        {
            throw Error($"missing PLTE chunk for a palette image");
        }

        var passes = header.Interlaced ? Adam7 : SinglePass;
        long expected = 0;
        foreach (var pass in passes)
        {
            var (passWidth, passHeight) = PassSize(header, pass);
            if (passWidth > 0 && passHeight > 0)
            {
                expected += passHeight * (1 + header.RowBytes(passWidth));
            }
        }

        // Refusing here keeps a tiny file from making us allocate row buffers for a huge claimed image.
        if (expected > (compressed.Length * MaxDeflateRatio) + 1024)
        {
            throw Error($"decompressed data too short ({compressed.Length} compressed bytes cannot hold the {expected} bytes that {header.Width}x{header.Height} needs)");
        }

        return Inflate(header, palette, compressed, passes, expected, layout);
    }

    private static (Header Header, byte[]? Palette, byte[] Compressed) ReadChunks(ReadOnlySpan<byte> data)
    {
        var (name, body, position) = ReadChunk(data, Signature.Length);
        if (name != "IHDR")
        {
            throw Error($"first chunk is {name}, expected IHDR");
        }

        var header = Header.Parse(data[body]);
        byte[]? palette = null;
        var idat = new List<Range>();
        long compressedLength = 0;
        var idatState = 0; // 0: none yet, 1: in the IDAT run, 2: after it
        while (true)
        {
            (name, body, position) = ReadChunk(data, position);
            var length = body.End.Value - body.Start.Value;
            if (idatState == 1 && name != "IDAT")
            {
                idatState = 2;
            }

            switch (name)
            {
                case "IHDR":
                    throw Error($"duplicate IHDR chunk");
                case "PLTE" when idatState != 0:
                    throw Error($"PLTE chunk after IDAT");
                case "PLTE" when palette is not null:
                    throw Error($"duplicate PLTE chunk");
                case "PLTE" when length == 0 || length > 768 || length % 3 != 0:
                    throw Error($"invalid PLTE length {length} (must be 3 to 768, a multiple of 3)");
                case "PLTE":
                    palette = data[body].ToArray();
                    break;
                case "IDAT" when idatState == 2:
                    throw Error($"IDAT chunks are not consecutive");
                case "IDAT":
                    idatState = 1;
                    idat.Add(body);
                    compressedLength += length;
                    break;
                case "IEND" when idatState == 0:
                    throw Error($"missing IDAT chunk");
                case "IEND":
                    var compressed = new byte[compressedLength];
                    var offset = 0;
                    foreach (var range in idat)
                    {
                        var part = data[range];
                        part.CopyTo(compressed.AsSpan(offset));
                        offset += part.Length;
                    }

                    return (header, palette, compressed);
                default:
                    if (char.IsAsciiLetterUpper(name[0]))
                    {
                        throw Error($"unknown critical chunk {name}");
                    }

                    break;
            }
        }
    }

    /// <summary>Reads the chunk at <paramref name="position"/>, checks its type and CRC, and returns its body's range and where the next chunk starts.</summary>
    private static (string Name, Range Body, int Next) ReadChunk(ReadOnlySpan<byte> data, int position)
    {
        if (data.Length - position < 12)
        {
            throw position == data.Length
                ? Error($"missing IEND chunk (file truncated?)")
                : Error($"truncated chunk header at offset {position}");
        }

        var length = BinaryPrimitives.ReadUInt32BigEndian(data[position..]);
        var type = data.Slice(position + 4, 4);
        foreach (var c in type)
        {
            if (!char.IsAsciiLetter((char)c))
            {
                throw Error($"invalid chunk type {Convert.ToHexString(type)} at offset {position}");
            }
        }

        var name = Encoding.ASCII.GetString(type);
        if (length > data.Length - position - 12)
        {
            throw Error($"chunk {name} truncated (length {length}, only {data.Length - position - 12} bytes left)");
        }

        var crc = BinaryPrimitives.ReadUInt32BigEndian(data[(position + 8 + (int)length)..]);
        if (Crc32.Compute(data.Slice(position + 4, 4 + (int)length)) != crc)
        {
            throw Error($"chunk {name} CRC mismatch");
        }

        return (name, new Range(position + 8, position + 8 + (int)length), position + 12 + (int)length);
    }

    private static (long Width, long Height) PassSize(Header header, (int X, int Y, int Dx, int Dy) pass) =>
        ((header.Width - pass.X + pass.Dx - 1) / pass.Dx, (header.Height - pass.Y + pass.Dy - 1) / pass.Dy);

    private static DecodedImage Inflate(Header header, byte[]? palette, byte[] compressed, (int X, int Y, int Dx, int Dy)[] passes, long expected, PixelLayout layout)
    {
        var width = (int)header.Width;
        var height = (int)header.Height;
        var channels = (int)layout;
        var output = new byte[(long)width * height * channels];

        // Each buffer holds a filter byte followed by one scanline, so that both come from one read.
        var maxRowBytes = (int)header.RowBytes(width);
        var current = new byte[maxRowBytes + 1];
        var previous = new byte[maxRowBytes + 1];
        var samples = new byte[width * 3];
        var passRow = header.Interlaced ? new byte[width * channels] : null;
        long produced = 0;
        try
        {
            using var stream = new ZLibStream(new MemoryStream(compressed, writable: false), CompressionMode.Decompress);
            foreach (var pass in passes)
            {
                var (passWidth, passHeight) = PassSize(header, pass);
                if (passWidth <= 0 || passHeight <= 0)
                {
                    continue;
                }

                var rowBytes = (int)header.RowBytes(passWidth);
                previous.AsSpan(0, rowBytes + 1).Clear();
                for (var j = 0; j < passHeight; j++)
                {
                    var y = pass.Y + (j * pass.Dy);
                    Fill(stream, current.AsSpan(0, rowBytes + 1), ref produced, expected);
                    var row = current.AsSpan(1, rowBytes);
                    if (!PngFilter.Undo(current[0], row, previous.AsSpan(1, rowBytes), header.BytesPerPixel))
                    {
                        throw Error($"invalid filter type {current[0]} on row {y}");
                    }

                    if (passRow is null)
                    {
                        ConvertRow(header, palette, row, width, samples, output.AsSpan(y * width * channels, width * channels), layout);
                    }
                    else
                    {
                        var count = (int)passWidth;
                        ConvertRow(header, palette, row, count, samples, passRow, layout);
                        for (var i = 0; i < count; i++)
                        {
                            var x = pass.X + (i * pass.Dx);
                            passRow.AsSpan(i * channels, channels).CopyTo(output.AsSpan(((y * width) + x) * channels));
                        }
                    }

                    (current, previous) = (previous, current);
                }
            }

            if (stream.Read(current.AsSpan(0, 1)) > 0)
            {
                throw Error($"decompressed data too long (more than the {expected} bytes that {width}x{height} needs)");
            }
        }
        catch (InvalidDataException e)
        {
            // The runtime's message for bad zlib data is generic and misleading ("unsupported compression
            // method"), so it stays in the inner exception only.
            throw Error($"corrupt zlib data (after {produced} of {expected} decompressed bytes)", e);
        }

        return new DecodedImage(width, height, output);
    }

    private static void Fill(ZLibStream stream, Span<byte> buffer, ref long produced, long expected)
    {
        while (buffer.Length > 0)
        {
            var read = stream.Read(buffer);
            if (read == 0)
            {
                throw Error($"decompressed data too short (expected {expected} bytes, got {produced})");
            }

            produced += read;
            buffer = buffer[read..];
        }
    }

    /// <summary>Turns one unfiltered scanline of <paramref name="count"/> pixels into <paramref name="layout"/>.</summary>
    private static void ConvertRow(Header header, byte[]? palette, ReadOnlySpan<byte> row, int count, Span<byte> samples, Span<byte> destination, PixelLayout layout)
    {
        var depth = header.BitDepth;
        switch (header.ColorType)
        {
            case ColorGray when depth < 8:
                var scale = 255 / ((1 << depth) - 1);
                PixelConvert.UnpackBits(row, depth, samples[..count]);
                for (var i = 0; i < count; i++)
                {
                    samples[i] = (byte)(samples[i] * scale);
                }

                PixelConvert.FromGray(samples[..count], destination, layout);
                break;
            case ColorGray or ColorGrayAlpha:
                // 16-bit samples keep their high byte, which comes first; alpha is skipped.
                var step = header.Channels * (depth / 8);
                if (step == 1)
                {
                    PixelConvert.FromGray(row[..count], destination, layout);
                    break;
                }

                for (var i = 0; i < count; i++)
                {
                    samples[i] = row[i * step];
                }

                PixelConvert.FromGray(samples[..count], destination, layout);
                break;
            case ColorRgb or ColorRgbAlpha:
                var bytesPerSample = depth / 8;
                var pixelStep = header.Channels * bytesPerSample;
                if (pixelStep == 3)
                {
                    PixelConvert.FromRgb(row, destination, count, layout);
                    break;
                }

                for (int i = 0, s = 0, d = 0; i < count; i++, s += pixelStep, d += 3)
                {
                    samples[d] = row[s];
                    samples[d + 1] = row[s + bytesPerSample];
                    samples[d + 2] = row[s + (2 * bytesPerSample)];
                }

                PixelConvert.FromRgb(samples, destination, count, layout);
                break;
            default:
                ConvertPaletteRow(palette!, row, depth, count, samples, destination, layout);
                break;
        }
    }

    private static void ConvertPaletteRow(byte[] palette, ReadOnlySpan<byte> row, int depth, int count, Span<byte> samples, Span<byte> destination, PixelLayout layout)
    {
        // Indices are unpacked into the tail of the sample buffer, which the RGB values overtake only after reading them.
        var indices = samples.Slice(count * 2, count);
        if (depth < 8)
        {
            PixelConvert.UnpackBits(row, depth, indices);
        }
        else
        {
            row[..count].CopyTo(indices);
        }

        var entries = palette.Length / 3;
        if (entries < 256)
        {
            var bad = indices.IndexOfAnyInRange((byte)entries, byte.MaxValue);
            if (bad >= 0)
            {
                throw Error($"palette index {indices[bad]} out of range (palette has {entries} entries)");
            }
        }

        for (int i = 0, d = 0; i < count; i++, d += 3)
        {
            var entry = indices[i] * 3;
            samples[d] = palette[entry];
            samples[d + 1] = palette[entry + 1];
            samples[d + 2] = palette[entry + 2];
        }

        PixelConvert.FromRgb(samples, destination, count, layout);
    }

    private static ImageFormatException Error(FormattableString problem, Exception? innerException = null) =>
        ImageFormatException.For(Format, problem.ToString(CultureInfo.InvariantCulture), innerException);

    private readonly record struct Header(long Width, long Height, int BitDepth, int ColorType, bool Interlaced)
    {
        public int Channels => ColorType switch
        {
            ColorGray or ColorPalette => 1,
            ColorGrayAlpha => 2,
            ColorRgb => 3,
            _ => 4,
        };

        /// <summary>The filter's byte distance: one pixel, rounded up to a byte.</summary>
        public int BytesPerPixel => Math.Max(1, Channels * BitDepth / 8);

        public static Header Parse(ReadOnlySpan<byte> body)
        {
            if (body.Length != 13)
            {
                throw Error($"IHDR length is {body.Length}, expected 13");
            }

            long width = BinaryPrimitives.ReadUInt32BigEndian(body);
            long height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
            int depth = body[8];
            int colorType = body[9];
            ImageLimits.CheckDimensions(Format, width, height);
            var valid = colorType switch
            {
                ColorGray => depth is 1 or 2 or 4 or 8 or 16,
                ColorPalette => depth is 1 or 2 or 4 or 8,
                ColorRgb or ColorGrayAlpha or ColorRgbAlpha => depth is 8 or 16,
                _ => throw Error($"invalid color type {colorType}"),
            };
            if (!valid)
            {
                throw Error($"invalid bit depth {depth} for color type {colorType}");
            }

            if (body[10] != 0)
            {
                throw Error($"unknown compression method {body[10]}");
            }

            if (body[11] != 0)
            {
                throw Error($"unknown filter method {body[11]}");
            }

            if (body[12] > 1)
            {
                throw Error($"unknown interlace method {body[12]}");
            }

            return new Header(width, height, depth, colorType, body[12] == 1);
        }

        /// <summary>Bytes in one scanline of <paramref name="pixels"/> pixels, without the filter byte.</summary>
        public long RowBytes(long pixels) => ((pixels * Channels * BitDepth) + 7) / 8;
    }
}
