using PalmKey.Imaging;

namespace PalmKey;

/// <summary>
/// An 8-bit RGB image, stored row by row with no padding and the three samples of a pixel
/// interleaved in the order red, green, blue (stride = 3 * width).
/// Instances are immutable by convention: the engine never writes to <see cref="Pixels"/>,
/// and callers that share an instance across threads must not either.
/// </summary>
public sealed class RgbImage
{
    /// <summary>Creates an image over <paramref name="pixels"/> without copying it.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">Exactly 3 * width * height bytes, row by row, R, G, B per pixel.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The pixel buffer has the wrong length.</exception>
    public RgbImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if (3L * width * height != pixels.Length)
        {
            throw new ArgumentException($"Expected {3L * width * height} bytes for {width}x{height} RGB, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row by row, 3 * <see cref="Width"/> bytes per row, R, G, B per pixel.</summary>
    public byte[] Pixels { get; }

    /// <summary>
    /// Converts to gray with the BT.601 luma weights, (299 R + 587 G + 114 B + 500) / 1000 per pixel.
    /// Costs one pass over the pixels and allocates width * height bytes. Safe to call from many
    /// threads at once as long as nobody writes to <see cref="Pixels"/>.
    /// </summary>
    /// <returns>A new gray image of the same size.</returns>
    public GrayImage ToGray()
    {
        var gray = new byte[Width * Height];
        PixelConvert.RgbToGray(Pixels, gray);
        return new GrayImage(Width, Height, gray);
    }
}
