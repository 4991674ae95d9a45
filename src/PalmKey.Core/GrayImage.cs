namespace PalmKey;

/// <summary>
/// An 8-bit grayscale image, stored row by row with no padding (stride = width).
/// Instances are immutable by convention: the engine never writes to <see cref="Pixels"/>,
/// and callers that share an instance across threads must not either.
/// </summary>
public sealed class GrayImage
{
    /// <summary>Creates an image over <paramref name="pixels"/> without copying it.</summary>
    /// <param name="width">Width in pixels, at least 1.</param>
    /// <param name="height">Height in pixels, at least 1.</param>
    /// <param name="pixels">Exactly width * height bytes, row by row.</param>
    /// <exception cref="ArgumentOutOfRangeException">A dimension is not positive.</exception>
    /// <exception cref="ArgumentException">The pixel buffer has the wrong length.</exception>
    public GrayImage(int width, int height, byte[] pixels)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(width);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(height);
        ArgumentNullException.ThrowIfNull(pixels);
        if ((long)width * height != pixels.Length)
        {
            throw new ArgumentException($"Expected {(long)width * height} pixels for {width}x{height}, got {pixels.Length}.", nameof(pixels));
        }

        Width = width;
        Height = height;
        Pixels = pixels;
    }

    /// <summary>Width in pixels.</summary>
    public int Width { get; }

    /// <summary>Height in pixels.</summary>
    public int Height { get; }

    /// <summary>The pixels, row by row, <see cref="Width"/> bytes per row.</summary>
    public byte[] Pixels { get; }

    /// <summary>The pixel at column <paramref name="x"/> and row <paramref name="y"/>; no bounds check beyond the array's.</summary>
    public byte this[int x, int y] => Pixels[(y * Width) + x];
}
