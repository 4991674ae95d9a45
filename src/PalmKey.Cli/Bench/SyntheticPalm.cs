namespace PalmKey.Cli.Bench;

/// <summary>
/// Deterministic palm-like images for tests: a palm is a seed that fixes a set of dark curved lines and
/// short creases; each capture of it is shifted by a pixel or two and has its own noise. Captures of one
/// synthetic palm score far above the agreement and identification thresholds (about 40 to 70), those
/// of different palms far below (about 5 to 13).
/// </summary>
internal static class SyntheticPalm
{
    public static GrayImage Create(int palm, int capture, int size = 128)
    {
        var palmRandom = new Random(palm);
        var captureRandom = new Random((capture * 7919) + palm);
        var creases = Enumerable.Range(0, 60).Select(_ => (
            X: (palmRandom.NextDouble() - 0.5) * size,
            Y: (palmRandom.NextDouble() - 0.5) * size,
            A: palmRandom.NextDouble() * Math.PI,
            L: 6 + (palmRandom.NextDouble() * 14),
            D: 25 + (palmRandom.NextDouble() * 30))).ToArray();
        var lines = Enumerable.Range(0, 10).Select(_ => (
            A: palmRandom.NextDouble() * Math.PI,
            C: (palmRandom.NextDouble() - 0.5) * size * 1.4,
            K: (palmRandom.NextDouble() - 0.5) * 0.02,
            W: 1.5 + (palmRandom.NextDouble() * 2.5),
            D: 30 + (palmRandom.NextDouble() * 50))).ToArray();
        double dx = captureRandom.Next(-2, 3), dy = captureRandom.Next(-2, 3);
        var pixels = new byte[size * size];
        for (var y = 0; y < size; y++)
        {
            for (var x = 0; x < size; x++)
            {
                double u = x - (size / 2.0) + dx, v = y - (size / 2.0) + dy;
                var value = 160 + (captureRandom.NextDouble() * 12);
                foreach (var (a, c, k, w, d) in lines)
                {
                    var distance = (Math.Sin(a) * u) - (Math.Cos(a) * v) - c - (k * ((u * u) + (v * v)) / 4);
                    value -= d * Math.Exp(-distance * distance / (w * w));
                }

                foreach (var (cx, cy, a, l, d) in creases)
                {
                    double px = u - cx, py = v - cy;
                    var along = (Math.Cos(a) * px) + (Math.Sin(a) * py);
                    var across = (-Math.Sin(a) * px) + (Math.Cos(a) * py);
                    if (Math.Abs(along) < l)
                    {
                        value -= d * Math.Exp(-across * across / 2.5);
                    }
                }

                pixels[(y * size) + x] = (byte)Math.Clamp(value, 0, 255);
            }
        }

        return new GrayImage(size, size, pixels);
    }

    /// <summary>A capture as a device sends it: a PNG file.</summary>
    public static byte[] Png(int palm, int capture) => ImageCodec.EncodePng(Create(palm, capture));

    /// <summary>
    /// A hover gesture as a device sends it: <paramref name="count"/> distinct captures of one palm, all
    /// different from the enrollment captures and from every other seed's.
    /// </summary>
    public static byte[][] Hover(int palm, int seed, int count = 3) => [.. Enumerable.Range(0, count).Select(c => Png(palm, 1000 + (seed * 8) + c))];

    /// <summary>Enrollment captures 0..count-1 of a palm.</summary>
    public static byte[][] Captures(int palm, int count = 3) => [.. Enumerable.Range(0, count).Select(c => Png(palm, c))];
}
