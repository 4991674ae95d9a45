using System.Globalization;

namespace PalmKey.Imaging;

/// <summary>Size limits that every decoder applies before it allocates pixels.</summary>
internal static class ImageLimits
{
    /// <summary>The largest image accepted, in pixels. A palm frame is a few megapixels; this leaves room for any camera.</summary>
    public const long MaxPixels = 50_000_000;

    /// <summary>The largest file <see cref="ImageCodec"/> reads from disk, in bytes.</summary>
    public const long MaxFileBytes = 200_000_000;

    /// <summary>
    /// Refuses non-positive dimensions and images over <see cref="MaxPixels"/>. Takes longs so that
    /// callers can pass raw header fields without overflow; on return both fit in an int.
    /// </summary>
    public static void CheckDimensions(string format, long width, long height)
    {
        if (width < 1 || height < 1)
        {
            throw ImageFormatException.For(format, string.Create(CultureInfo.InvariantCulture, $"invalid dimensions {width}x{height} (width and height must be at least 1)"));
        }

        // The first two tests keep the product from overflowing a long for any header value.
        if (width > MaxPixels || height > MaxPixels || width * height > MaxPixels)
        {
            var megapixels = (double)width * height / 1e6;
            throw ImageFormatException.For(format, string.Create(CultureInfo.InvariantCulture, $"image is {width}x{height} = {megapixels:F1} megapixels, over the {MaxPixels / 1_000_000} megapixel limit"));
        }
    }
}
