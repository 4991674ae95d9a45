namespace PalmKey.Tests;

/// <summary>
/// Deterministic palm-like ROI images: a skin-like textured background crossed by a few deep, wide
/// principal lines and many fine wrinkles, all gently curved. The palm is defined in continuous
/// coordinates, so the same palm can be drawn larger, or shifted, and stays the same palm; two seeds
/// give unrelated palms. Shared with PalmKey.Cli.Tests as a linked source file.
/// </summary>
internal sealed class SyntheticPalm
{
    /// <summary>The side, in palm units, of the square that <see cref="Draw"/> shows at scale 1.</summary>
    public const int Side = 128;

    // Each line is a parabola through (x, y) at an angle, darkening the skin with a Gaussian profile
    // across it: x, y, sin, cos, curvature, depth, width, six times the width.
    private const int LineFields = 8;

    private readonly double[] _lines;
    private readonly double[] _texture;
    private readonly int _seed;

    public SyntheticPalm(int seed)
    {
        _seed = seed;
        var random = new Random(seed);
        var lines = new List<double>();
        for (var i = 0; i < 43; i++)
        {
            // Three deep, wide principal lines, then fine wrinkles.
            var (depth, width) = i < 3 ? (70.0, 2.2) : (30.0, 1.1);
            var angle = random.NextDouble() * Math.PI;
            width *= 0.8 + (0.4 * random.NextDouble());
            lines.AddRange(
            [
                random.NextDouble() * Side,
                random.NextDouble() * Side,
                Math.Sin(angle),
                Math.Cos(angle),
                (random.NextDouble() - 0.5) * 0.02,
                depth * (0.7 + (0.6 * random.NextDouble())),
                width,
                6 * width,
            ]);
        }

        _lines = [.. lines];

        // Slow shading: six plane waves of a few grey levels each (frequency x, frequency y, phase, amplitude).
        _texture = [.. Enumerable.Range(0, 6).SelectMany(_ => new[]
        {
            (random.NextDouble() - 0.5) * 0.3,
            (random.NextDouble() - 0.5) * 0.3,
            random.NextDouble() * 2 * Math.PI,
            3 + (random.NextDouble() * 5),
        })];
    }

    /// <summary>A <see cref="Side"/>-pixel square image of the palm of <paramref name="seed"/>.</summary>
    public static GrayImage Create(int seed) => new SyntheticPalm(seed).Draw(Side, Side);

    /// <summary>
    /// Draws the palm into a <paramref name="width"/> x <paramref name="height"/> image. Pixel (x, y)
    /// shows the palm at ((x + 0.5) / scale - 0.5 - dx, (y + 0.5) / scale - 0.5 - dy): scale 2 draws the
    /// same palm twice as large, and (dx, dy) moves it right and down. Pixel noise of +-8 grey levels is
    /// added on top; <paramref name="noiseSeed"/> picks it (by default the palm's own seed).
    /// </summary>
    public GrayImage Draw(int width, int height, double scale = 1, double dx = 0, double dy = 0, int? noiseSeed = null)
    {
        var noise = new Random(noiseSeed ?? _seed);
        var pixels = new byte[width * height];
        var lines = _lines;
        var texture = _texture;
        for (var y = 0; y < height; y++)
        {
            var v = ((y + 0.5) / scale) - 0.5 - dy;
            for (var x = 0; x < width; x++)
            {
                var u = ((x + 0.5) / scale) - 0.5 - dx;
                var value = 160.0;
                for (var t = 0; t < texture.Length; t += 4)
                {
                    value += texture[t + 3] * Math.Sin((texture[t] * u) + (texture[t + 1] * v) + texture[t + 2]);
                }

                for (var l = 0; l < lines.Length; l += LineFields)
                {
                    var pu = u - lines[l];
                    var pv = v - lines[l + 1];
                    var along = (pu * lines[l + 3]) + (pv * lines[l + 2]);
                    var across = (pv * lines[l + 3]) - (pu * lines[l + 2]) - (lines[l + 4] * along * along);

                    // Beyond six widths the profile is below 1e-7 of its depth.
                    if (Math.Abs(across) < lines[l + 7])
                    {
                        value -= lines[l + 5] * Math.Exp(-across * across / (2 * lines[l + 6] * lines[l + 6]));
                    }
                }

                value += (noise.NextDouble() - 0.5) * 16;
                pixels[(y * width) + x] = (byte)Math.Clamp(Math.Round(value), 0, 255);
            }
        }

        return new GrayImage(width, height, pixels);
    }
}
