namespace PalmKey.Imaging;

/// <summary>Conversions between gray and interleaved RGB rows, shared by all decoders.</summary>
internal static class PixelConvert
{
    /// <summary>BT.601 luma, rounded to nearest; the same weights JPEG uses for its Y channel.</summary>
    public static byte Luma(int r, int g, int b) => (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);

    /// <summary>Converts interleaved RGB to gray; <paramref name="gray"/> sets the pixel count.</summary>
    public static void RgbToGray(ReadOnlySpan<byte> rgb, Span<byte> gray)
    {
        rgb = rgb[..(gray.Length * 3)];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 3)
        {
            gray[i] = Luma(rgb[j], rgb[j + 1], rgb[j + 2]);
        }
    }

    /// <summary>Expands gray to interleaved RGB; <paramref name="gray"/> sets the pixel count.</summary>
    public static void GrayToRgb(ReadOnlySpan<byte> gray, Span<byte> rgb)
    {
        rgb = rgb[..(gray.Length * 3)];
        for (int i = 0, j = 0; i < gray.Length; i++, j += 3)
        {
            var value = gray[i];
            rgb[j] = value;
            rgb[j + 1] = value;
            rgb[j + 2] = value;
        }
    }

    /// <summary>Writes a gray source row in <paramref name="layout"/>.</summary>
    public static void FromGray(ReadOnlySpan<byte> gray, Span<byte> destination, PixelLayout layout)
    {
        if (layout == PixelLayout.Gray)
        {
            gray.CopyTo(destination);
        }
        else
        {
            GrayToRgb(gray, destination);
        }
    }

    /// <summary>Writes an RGB source row of <paramref name="count"/> pixels in <paramref name="layout"/>.</summary>
    public static void FromRgb(ReadOnlySpan<byte> rgb, Span<byte> destination, int count, PixelLayout layout)
    {
        if (layout == PixelLayout.Rgb)
        {
            rgb[..(count * 3)].CopyTo(destination);
        }
        else
        {
            RgbToGray(rgb, destination[..count]);
        }
    }

    /// <summary>Spreads 1-, 2- or 4-bit values, most significant bits first, one per byte; <paramref name="values"/> sets the count.</summary>
    public static void UnpackBits(ReadOnlySpan<byte> packed, int bits, Span<byte> values)
    {
        var perByte = 8 / bits;
        var mask = (1 << bits) - 1;
        for (var i = 0; i < values.Length; i++)
        {
            var shift = 8 - (bits * ((i % perByte) + 1));
            values[i] = (byte)((packed[i / perByte] >> shift) & mask);
        }
    }
}
