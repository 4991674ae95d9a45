namespace PalmKey.Imaging;

/// <summary>Recognizes a format by its first bytes and hands the data to its decoder.</summary>
internal static class ImageDecoder
{
    public static DecodedImage Decode(ReadOnlySpan<byte> data, PixelLayout layout)
    {
        if (PngDecoder.IsPng(data))
        {
            return PngDecoder.Decode(data, layout);
        }

        if (BmpDecoder.IsBmp(data))
        {
            return BmpDecoder.Decode(data, layout);
        }

        if (JpegDecoder.IsJpeg(data))
        {
            return JpegDecoder.Decode(data, layout);
        }

        if (NetpbmDecoder.IsNetpbm(data))
        {
            return NetpbmDecoder.Decode(data, layout);
        }

        throw new ImageFormatException(Describe(data));
    }

    private static string Describe(ReadOnlySpan<byte> data)
    {
        if (data.IsEmpty)
        {
            return "Unknown image format (empty input)";
        }

        // Formats a camera or scanner might plausibly produce get a clearer message than their magic bytes.
        if (data.StartsWith("GIF8"u8))
        {
            return "Unsupported image format: GIF";
        }

        if (data.StartsWith("II*\0"u8) || data.StartsWith("MM\0*"u8))
        {
            return "Unsupported image format: TIFF";
        }

        if (data.Length >= 12 && data.StartsWith("RIFF"u8) && data[8..12].SequenceEqual("WEBP"u8))
        {
            return "Unsupported image format: WebP";
        }

        var prefix = BitConverter.ToString(data[..Math.Min(4, data.Length)].ToArray()).Replace('-', ' ');
        return $"Unknown image format (first bytes {prefix})";
    }
}
