namespace PalmKey.Tests.Imaging;

/// <summary>Deterministic test content and the reference conversions the decoders must match.</summary>
internal static class TestPixels
{
    /// <summary>Random bytes from <paramref name="seed"/>: the hardest content for filters and the easiest to compare.</summary>
    public static byte[] Random(int length, int seed)
    {
        var data = new byte[length];
        new Random(seed).NextBytes(data);
        return data;
    }

    /// <summary>A smooth gray image that survives JPEG compression with small errors.</summary>
    public static byte[] SmoothGray(int width, int height)
    {
        var pixels = new byte[width * height];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                pixels[(y * width) + x] = (byte)(128 + (80 * Math.Sin(x / 9.0)) + (40 * Math.Cos(y / 13.0)));
            }
        }

        return pixels;
    }

    /// <summary>A smooth color image, interleaved RGB.</summary>
    public static byte[] SmoothRgb(int width, int height)
    {
        var pixels = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var i = ((y * width) + x) * 3;
                pixels[i] = (byte)(128 + (100 * Math.Sin(x / 17.0)));
                pixels[i + 1] = (byte)(128 + (100 * Math.Cos(y / 15.0)));
                pixels[i + 2] = (byte)(128 + (60 * Math.Sin((x + y) / 23.0)));
            }
        }

        return pixels;
    }

    /// <summary>The BT.601 luma the decoders promise, written out independently of the library.</summary>
    public static byte Luma(int r, int g, int b) => (byte)(((299 * r) + (587 * g) + (114 * b) + 500) / 1000);

    public static byte[] ToGray(byte[] rgb)
    {
        var gray = new byte[rgb.Length / 3];
        for (var i = 0; i < gray.Length; i++)
        {
            gray[i] = Luma(rgb[3 * i], rgb[(3 * i) + 1], rgb[(3 * i) + 2]);
        }

        return gray;
    }

    public static byte[] ToRgb(byte[] gray)
    {
        var rgb = new byte[gray.Length * 3];
        for (var i = 0; i < gray.Length; i++)
        {
            rgb[3 * i] = rgb[(3 * i) + 1] = rgb[(3 * i) + 2] = gray[i];
        }

        return rgb;
    }

    /// <summary>Asserts that two images differ by at most <paramref name="maxError"/> per sample and <paramref name="meanError"/> on average.</summary>
    public static void AssertClose(byte[] expected, byte[] actual, int maxError, double meanError)
    {
        Assert.Equal(expected.Length, actual.Length);
        long sum = 0;
        var worst = 0;
        for (var i = 0; i < expected.Length; i++)
        {
            var error = Math.Abs(expected[i] - actual[i]);
            sum += error;
            worst = Math.Max(worst, error);
        }

        var mean = (double)sum / expected.Length;
        Assert.True(worst <= maxError, $"Largest sample error {worst} is over {maxError}.");
        Assert.True(mean <= meanError, $"Mean sample error {mean:F3} is over {meanError}.");
    }
}
