using PalmKey.Engine;

namespace PalmKey.Tests;

/// <summary>Copies of test images moved, turned or framed, written independently of the engine where it matters.</summary>
internal static class TestImages
{
    /// <summary>
    /// The image moved <paramref name="dx"/> pixels right and <paramref name="dy"/> down: what leaves the
    /// frame is cropped, and the uncovered border repeats the nearest edge pixel.
    /// </summary>
    public static GrayImage Shift(GrayImage image, int dx, int dy)
    {
        var pixels = new byte[image.Pixels.Length];
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                pixels[(y * image.Width) + x] = image[Math.Clamp(x - dx, 0, image.Width - 1), Math.Clamp(y - dy, 0, image.Height - 1)];
            }
        }

        return new GrayImage(image.Width, image.Height, pixels);
    }

    /// <summary>A square image turned about its centre by <paramref name="degrees"/>, rounded back to bytes.</summary>
    public static GrayImage Rotate(GrayImage image, float degrees)
    {
        Assert.Equal(image.Width, image.Height);
        var turned = RoiSampler.Rotate(ToFloats(image), image.Width, degrees);
        return new GrayImage(image.Width, image.Height, [.. turned.Select(v => (byte)Math.Clamp(MathF.Round(v), 0, 255))]);
    }

    /// <summary>
    /// The image placed in the middle of a larger frame (<paramref name="left"/> and <paramref name="top"/>
    /// pixels of random bytes on each side), so that its central square is the original.
    /// </summary>
    public static GrayImage Frame(GrayImage image, int left, int top, int seed)
    {
        var width = image.Width + (2 * left);
        var height = image.Height + (2 * top);
        var pixels = new byte[width * height];
        new Random(seed).NextBytes(pixels);
        for (var y = 0; y < image.Height; y++)
        {
            image.Pixels.AsSpan(y * image.Width, image.Width).CopyTo(pixels.AsSpan(((y + top) * width) + left));
        }

        return new GrayImage(width, height, pixels);
    }

    public static float[] ToFloats(GrayImage image) => [.. image.Pixels.Select(p => (float)p)];
}
