using System.Buffers.Binary;
using System.Globalization;

namespace PalmKey.Imaging;

/// <summary>
/// Decodes PGM (P5 binary, P2 plain) and PPM (P6 binary, P3 plain) with any maxval from 1 to 65535;
/// samples are scaled to 0..255, and 16-bit samples are big-endian as netpbm specifies.
/// </summary>
internal static class NetpbmDecoder
{
    public static bool IsNetpbm(ReadOnlySpan<byte> data) => data.Length >= 2 && data[0] == (byte)'P' && data[1] is >= (byte)'1' and <= (byte)'7';

    public static DecodedImage Decode(ReadOnlySpan<byte> data, PixelLayout layout)
    {
        var (format, channels, plain) = (char)data[1] switch
        {
            '2' => ("PGM", 1, true),
            '5' => ("PGM", 1, false),
            '3' => ("PPM", 3, true),
            '6' => ("PPM", 3, false),
            '1' or '4' => throw ImageFormatException.For("PBM", "bitmaps (P1, P4) are not supported"),
            _ => throw ImageFormatException.For("PAM", "P7 images are not supported"),
        };

        var position = 2;
        var width = ReadNumber(data, ref position, format, "width");
        var height = ReadNumber(data, ref position, format, "height");
        ImageLimits.CheckDimensions(format, width, height);
        var maxValue = ReadNumber(data, ref position, format, "maxval");
        if (maxValue is < 1 or > 65535)
        {
            throw Error(format, $"maxval {maxValue} out of range (must be 1 to 65535)");
        }

        // The header ends with exactly one whitespace character; the raster starts right after it.
        if (position >= data.Length || !IsWhitespace(data[position]))
        {
            throw Error(format, $"expected one whitespace character after maxval at offset {position}");
        }

        position++;
        var samplesPerRow = (int)width * channels;
        var sampleCount = (long)samplesPerRow * height;
        var raster = data[position..];
        var bytesPerSample = maxValue < 256 ? 1 : 2;

        // Checked before allocating, so a short file cannot claim a large image. A plain sample needs at
        // least a digit and a separator.
        var needed = plain ? (2 * sampleCount) - 1 : sampleCount * bytesPerSample;
        if (raster.Length < needed)
        {
            throw plain
                ? Error(format, $"truncated pixel data (expected {sampleCount} samples, {raster.Length} bytes cannot hold them)")
                : Error(format, $"truncated pixel data (expected {needed} bytes, found {raster.Length})");
        }

        var w = (int)width;
        var h = (int)height;
        var output = new byte[(long)w * h * (int)layout];
        var row = new byte[samplesPerRow];
        var scale = CreateScale(maxValue);
        var cursor = 0;
        for (var y = 0; y < h; y++)
        {
            for (var i = 0; i < samplesPerRow; i++)
            {
                int value;
                if (plain)
                {
                    value = (int)ReadNumber(raster, ref cursor, format, "sample");
                }
                else if (bytesPerSample == 1)
                {
                    value = raster[cursor++];
                }
                else
                {
                    value = BinaryPrimitives.ReadUInt16BigEndian(raster[cursor..]);
                    cursor += 2;
                }

                if (value > maxValue)
                {
                    throw Error(format, $"sample value {value} exceeds maxval {maxValue}");
                }

                row[i] = scale is null ? (byte)(((value * 255L) + (maxValue / 2)) / maxValue) : scale[value];
            }

            var destination = output.AsSpan(y * w * (int)layout, w * (int)layout);
            if (channels == 1)
            {
                PixelConvert.FromGray(row, destination, layout);
            }
            else
            {
                PixelConvert.FromRgb(row, destination, w, layout);
            }
        }

        return new DecodedImage(w, h, output);
    }

    /// <summary>A lookup table from sample to 0..255 for 8-bit maxvals, or null for 16-bit ones.</summary>
    private static byte[]? CreateScale(long maxValue)
    {
        if (maxValue > 255)
        {
            return null;
        }

        var table = new byte[maxValue + 1];
        for (var v = 0; v <= maxValue; v++)
        {
            table[v] = (byte)(((v * 255) + (maxValue / 2)) / maxValue);
        }

        return table;
    }

    /// <summary>Skips whitespace and comments, then reads a decimal number that must end at whitespace, a comment or the end.</summary>
    private static long ReadNumber(ReadOnlySpan<byte> data, ref int position, string format, string what)
    {
        while (position < data.Length)
        {
            if (IsWhitespace(data[position]))
            {
                position++;
            }
            else if (data[position] == (byte)'#')
            {
                while (position < data.Length && data[position] is not ((byte)'\n' or (byte)'\r'))
                {
                    position++;
                }
            }
            else
            {
                break;
            }
        }

        var start = position;
        long value = 0;
        while (position < data.Length && char.IsAsciiDigit((char)data[position]))
        {
            // Ten digits already exceed every limit that applies to a header field or a sample.
            if (position - start == 10)
            {
                throw Error(format, $"{what} at offset {start} is too large");
            }

            value = (value * 10) + (data[position] - '0');
            position++;
        }

        if (position == start)
        {
            throw position == data.Length
                ? Error(format, $"truncated header or data (expected {what})")
                : Error(format, $"expected {what} at offset {start}, found byte 0x{data[position]:X2}");
        }

        if (position < data.Length && !IsWhitespace(data[position]) && data[position] != (byte)'#')
        {
            throw Error(format, $"unexpected byte 0x{data[position]:X2} after {what} at offset {position}");
        }

        return value;
    }

    private static bool IsWhitespace(byte value) => value is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\v' or (byte)'\f' or (byte)'\r';

    private static ImageFormatException Error(string format, FormattableString problem) =>
        ImageFormatException.For(format, problem.ToString(CultureInfo.InvariantCulture));
}
