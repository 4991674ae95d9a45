namespace PalmKey.Benchmarks;

/// <summary>
/// A deterministic palm-like test image: a textured background crossed by dark curved lines.
/// Timing does not depend on the content, but a realistic texture keeps the code paths honest.
/// </summary>
internal static class SyntheticPalm
{
    public static GrayImage Create(int width, int height, int seed)
    {
        var random = new Random(seed);
        var pixels = new byte[width * height];
        var lines = Enumerable.Range(0, 6).Select(_ => (A: random.NextDouble() * Math.PI, C: random.NextDouble() * height, K: (random.NextDouble() - 0.5) * 0.01)).ToArray();
        for (var y = 0; y < height; y++)
        {
            for (var x = 0; x < width; x++)
            {
                var value = 150 + (random.NextDouble() * 30);
                foreach (var (a, c, k) in lines)
                {
                    var distance = Math.Abs((Math.Sin(a) * x) - (Math.Cos(a) * y) + c - (k * x * x));
                    value -= 60 * Math.Exp(-distance * distance / 4);
                }

                pixels[(y * width) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return new GrayImage(width, height, pixels);
    }
}
