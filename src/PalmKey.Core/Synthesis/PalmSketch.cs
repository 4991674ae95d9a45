using System.Buffers;

namespace PalmKey.Synthesis;

/// <summary>
/// The identity of one synthetic palm: its principal lines and creases as random curves, and its skin
/// texture, drawn once on a canvas larger than the ROI so that every capture of it can be cut from the
/// canvas at another position, angle and scale. Immutable once made. Its layers are pooled arrays
/// (each over the large-object threshold): call <see cref="Release"/> when done with it.
/// </summary>
internal sealed class PalmSketch
{
    /// <summary>
    /// Canvas side in pixels: the ROI (128 px) in its centre, with a margin of 24 px for the largest
    /// shift (10 px), turn (6 degrees, 9.5 px at a corner) and scale (5%, 4.5 px) of a capture.
    /// </summary>
    public const int Size = 176;

    /// <summary>ROI side in pixels, as the extractor expects it.</summary>
    public const int RoiSize = 128;

    private const double Margin = (Size - RoiSize) / 2.0;

    // exp(-q) for q = i / TableScale, the cross-section of every line.
    private const int TableScale = 64;
    private static readonly float[] ExpTable = [.. Enumerable.Range(0, (8 * TableScale) + 1).Select(i => MathF.Exp(-(float)i / TableScale))];

    private PalmSketch(float[] principal, float[] creases, float[] skin)
    {
        Principal = principal;
        Creases = creases;
        Skin = skin;
    }

    /// <summary>Darkness of the principal lines (gray levels to subtract), row-major, <see cref="Size"/> squared.</summary>
    public float[] Principal { get; }

    /// <summary>Darkness of the secondary creases and wrinkles.</summary>
    public float[] Creases { get; }

    /// <summary>Skin brightness without lines: a base level, slow blotches and fine texture, in gray levels.</summary>
    public float[] Skin { get; }

    /// <summary>Returns the layers to the pool; the sketch must not be used afterwards.</summary>
    public void Release()
    {
        ArrayPool<float>.Shared.Return(Principal);
        ArrayPool<float>.Shared.Return(Creases);
        ArrayPool<float>.Shared.Return(Skin);
    }

    /// <summary>A zeroed layer from the pool (possibly longer than <see cref="Size"/> squared).</summary>
    public static float[] RentLayer()
    {
        var layer = ArrayPool<float>.Shared.Rent(Size * Size);
        Array.Clear(layer);
        return layer;
    }

    public static PalmSketch Create(ulong seed)
    {
        var random = new SplitMix(seed);
        var principal = RentLayer();
        var creases = RentLayer();
        var mirror = random.NextDouble() < 0.5;

        // Three principal lines in ROI units (0..1 across the ROI, beyond it into the margin), placed
        // where the heart, head and life lines of a palm ROI usually run, each jittered per palm.
        DrawPrincipal(ref random, principal, mirror, [(-0.15, 0.22), (0.25, 0.30), (0.55, 0.12), (0.85, 0.05)], 0.09, 0.10);
        DrawPrincipal(ref random, principal, mirror, [(1.15, 0.32), (0.75, 0.38), (0.35, 0.50), (-0.1, 0.62)], 0.10, 0.12);
        DrawPrincipal(ref random, principal, mirror, [(1.1, 0.40), (0.62, 0.55), (0.62, 0.90), (0.85, 1.15)], 0.10, 0.10);
        if (random.NextDouble() < 0.6)
        {
            // A fourth, fainter line (a "fate" line) running roughly up the palm on many hands.
            DrawPrincipal(ref random, principal, mirror, [(0.45, 1.15), (0.5, 0.75), (0.48, 0.4), (0.52, 0.05)], 0.12, 0.10, depthScale: 0.6);
        }


        // Creases: many short curves. Wrinkles on a palm come in families of similar direction, so a
        // palm draws two family directions, near-vertical and near-horizontal as on most palms, and
        // most creases follow one of them.
        var families = new[] { (Math.PI / 2) + random.Gaussian(0, 0.3), random.Gaussian(0, 0.35) };
        var count = 60 + random.Next(80);
        for (var i = 0; i < count; i++)
        {
            var pick = random.NextDouble();
            var angle = pick < 0.35 ? families[0] + random.Gaussian(0, 0.2)
                : pick < 0.65 ? families[1] + random.Gaussian(0, 0.2)
                : random.Uniform(0, Math.PI);
            var length = random.Uniform(6, 45);
            var cx = random.Uniform(-10, RoiSize + 10) + Margin;
            var cy = random.Uniform(-10, RoiSize + 10) + Margin;
            var (sin, cos) = Math.SinCos(angle);
            var bend = random.Gaussian(0, 0.25) * length;
            var p0 = (cx - (cos * length / 2), cy - (sin * length / 2));
            var p3 = (cx + (cos * length / 2), cy + (sin * length / 2));
            var p1 = (p0.Item1 + (cos * length / 3) - (sin * bend), p0.Item2 + (sin * length / 3) + (cos * bend));
            var p2 = (p3.Item1 - (cos * length / 3) - (sin * bend), p3.Item2 - (sin * length / 3) + (cos * bend));
            DrawCurve(creases, p0, p1, p2, p3, random.Uniform(0.5, 0.95), random.Uniform(6, 20));
        }


        // Fine texture at 3 and 7 px, blotches at 36 px, on a base level.
        var skin = ValueNoise(ref random, [(3.0, 3.0), (7.0, 2.5), (36.0, random.Uniform(5, 14))]);
        var baseLevel = (float)random.Uniform(105, 165);
        for (var i = 0; i < Size * Size; i++)
        {
            skin[i] += baseLevel;
        }

        return new PalmSketch(principal, creases, skin);
    }

    private static void DrawPrincipal(
        ref SplitMix random,
        float[] layer,
        bool mirror,
        (double U, double V)[] control,
        double jitterU,
        double jitterV,
        double depthScale = 1)
    {
        var points = new (double X, double Y)[4];
        for (var i = 0; i < 4; i++)
        {
            var u = control[i].U + random.Gaussian(0, 0.4 * jitterU, 2 * jitterU);
            var v = control[i].V + random.Gaussian(0, 0.4 * jitterV, 2 * jitterV);
            points[i] = (Margin + (RoiSize * (mirror ? 1 - u : u)), Margin + (RoiSize * v));
        }

        DrawCurve(layer, points[0], points[1], points[2], points[3], random.Uniform(0.8, 1.5), depthScale * random.Uniform(20, 42));
    }

    /// <summary>
    /// Draws a cubic Bezier curve as a dark line with a Gaussian cross-section of width
    /// <paramref name="sigma"/>, tapering at both ends; overlapping lines keep the darker value.
    /// </summary>
    private static void DrawCurve(float[] layer, (double X, double Y) p0, (double X, double Y) p1, (double X, double Y) p2, (double X, double Y) p3, double sigma, double depth)
    {
        var chord = Distance(p0, p1) + Distance(p1, p2) + Distance(p2, p3);
        var steps = Math.Max(2, (int)Math.Ceiling(chord));
        var radius = (int)Math.Ceiling(2.2 * sigma);
        var inverse = (float)(TableScale / (2 * sigma * sigma));
        for (var s = 0; s <= steps; s++)
        {
            var t = (double)s / steps;
            var a = (1 - t) * (1 - t) * (1 - t);
            var b = 3 * (1 - t) * (1 - t) * t;
            var c = 3 * (1 - t) * t * t;
            var d = t * t * t;
            var x = (a * p0.X) + (b * p1.X) + (c * p2.X) + (d * p3.X);
            var y = (a * p0.Y) + (b * p1.Y) + (c * p2.Y) + (d * p3.Y);
            var taper = Math.Min(1, Math.Min(t, 1 - t) * 6);
            var strength = (float)(depth * (0.3 + (0.7 * taper)));
            var cx = (int)Math.Round(x);
            var cy = (int)Math.Round(y);
            for (var py = Math.Max(0, cy - radius); py <= Math.Min(Size - 1, cy + radius); py++)
            {
                for (var px = Math.Max(0, cx - radius); px <= Math.Min(Size - 1, cx + radius); px++)
                {
                    var dx = (float)(px - x);
                    var dy = (float)(py - y);
                    var q = (int)(((dx * dx) + (dy * dy)) * inverse);
                    if (q >= ExpTable.Length)
                    {
                        continue;
                    }

                    var value = strength * ExpTable[q];
                    ref var target = ref layer[(py * Size) + px];
                    if (value > target)
                    {
                        target = value;
                    }
                }
            }
        }
    }

    private static double Distance((double X, double Y) a, (double X, double Y) b) => Math.Sqrt(((a.X - b.X) * (a.X - b.X)) + ((a.Y - b.Y) * (a.Y - b.Y)));

    /// <summary>Smooth (bicubic-interpolated) random noise, summed over octaves of the given spacing and amplitude.</summary>
    private static float[] ValueNoise(ref SplitMix random, (double Spacing, double Amplitude)[] octaves)
    {
        var result = RentLayer();
        var rows = new float[Size];
        foreach (var (spacing, amplitude) in octaves)
        {
            var cells = (int)Math.Ceiling(Size / spacing) + 4;
            var grid = new float[cells * cells];
            for (var i = 0; i < grid.Length; i++)
            {
                grid[i] = (float)amplitude * random.ApproximateGaussian();
            }

            // Separable: interpolate every lattice row along x first, then each pixel row along y.
            var (taps, weights) = CubicTaps(spacing);
            var alongX = new float[cells * Size];
            for (var gy = 0; gy < cells; gy++)
            {
                for (var x = 0; x < Size; x++)
                {
                    var sum = 0f;
                    for (var n = 0; n < 4; n++)
                    {
                        sum += grid[(gy * cells) + taps[x] + n] * weights[(x * 4) + n];
                    }

                    alongX[(gy * Size) + x] = sum;
                }
            }

            for (var y = 0; y < Size; y++)
            {
                Array.Clear(rows);
                for (var m = 0; m < 4; m++)
                {
                    var w = weights[(y * 4) + m];
                    var source = alongX.AsSpan((taps[y] + m) * Size, Size);
                    for (var x = 0; x < Size; x++)
                    {
                        rows[x] += source[x] * w;
                    }
                }

                var target = result.AsSpan(y * Size, Size);
                for (var x = 0; x < Size; x++)
                {
                    target[x] += rows[x];
                }
            }
        }

        return result;
    }

    /// <summary>For each pixel position, the first of its four lattice points and their Catmull-Rom weights.</summary>
    private static (int[] Taps, float[] Weights) CubicTaps(double spacing)
    {
        var taps = new int[Size];
        var weights = new float[Size * 4];
        for (var i = 0; i < Size; i++)
        {
            var g = (i / spacing) + 1;
            var index = (int)g;
            var fraction = (float)(g - index);
            taps[i] = index - 1;
            for (var n = 0; n < 4; n++)
            {
                weights[(i * 4) + n] = Cubic(fraction - (n - 1));
            }
        }

        return (taps, weights);
    }

    /// <summary>The Catmull-Rom cubic interpolation weight at distance <paramref name="t"/>.</summary>
    private static float Cubic(float t)
    {
        t = Math.Abs(t);
        return t < 1 ? (((1.5f * t) - 2.5f) * t * t) + 1 : t < 2 ? (((((-0.5f * t) + 2.5f) * t) - 4) * t) + 2 : 0;
    }
}
