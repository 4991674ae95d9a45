using System.Buffers;

namespace PalmKey.Synthesis;

/// <summary>
/// Cuts one capture of a <see cref="PalmSketch"/>: the ROI moved, turned and scaled a little as a hand
/// held over a scanner is, with its own lighting, focus and sensor noise.
/// </summary>
internal static class SampleRenderer
{
    private const int Roi = PalmSketch.RoiSize;

    public static GrayImage Render(PalmSketch sketch, ulong seed)
    {
        var random = new SplitMix(seed);

        // Placement: the localization step leaves a few pixels and degrees of play between captures.
        var angle = random.Gaussian(0, 2.5, 6) * Math.PI / 180;
        var scale = 1 + random.Gaussian(0, 0.02, 0.05);
        var shiftX = random.Gaussian(0, 4, 10);
        var shiftY = random.Gaussian(0, 4, 10);

        // Skin and light: creases show more or less as the hand flexes; light is uneven.
        var principalWeight = (float)random.Uniform(0.85, 1.15);
        var creaseWeight = (float)random.Uniform(0.7, 1.2);
        var gain = (float)random.Uniform(0.8, 1.2);
        var offset = (float)random.Uniform(-15, 15);
        var (gradientSin, gradientCos) = Math.SinCos(random.Uniform(0, 2 * Math.PI));
        var gradient = (float)random.Uniform(0, 30) / Roi;
        var blur = random.Uniform(0.7, 2.2);
        var noise = (float)random.Uniform(2, 6);

        // The skin with this capture's line strengths, then one bilinear sample per ROI pixel.
        var skin = sketch.Skin;
        var principal = sketch.Principal;
        var creases = sketch.Creases;
        var canvas = ArrayPool<float>.Shared.Rent(PalmSketch.Size * PalmSketch.Size);
        for (var i = 0; i < PalmSketch.Size * PalmSketch.Size; i++)
        {
            canvas[i] = skin[i] - (principalWeight * principal[i]) - (creaseWeight * creases[i]);
        }

        var (sin, cos) = Math.SinCos(angle);
        var centre = (Roi - 1) / 2.0;
        var canvasCentre = (PalmSketch.Size - 1) / 2.0;
        var image = new float[Roi * Roi];
        for (var y = 0; y < Roi; y++)
        {
            var v = (y - centre) * scale;
            var light = (float)((y - centre) * gradientSin * gradient);
            for (var x = 0; x < Roi; x++)
            {
                var u = (x - centre) * scale;
                var sx = (cos * u) - (sin * v) + canvasCentre + shiftX;
                var sy = (sin * u) + (cos * v) + canvasCentre + shiftY;
                var shade = light + (float)((x - centre) * gradientCos * gradient);
                image[(y * Roi) + x] = (gain * Sample(canvas, sx, sy)) + shade + offset;
            }
        }

        ArrayPool<float>.Shared.Return(canvas);
        var blurred = GaussianBlur(image, blur);
        var pixels = new byte[Roi * Roi];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)Math.Clamp(MathF.Round(blurred[i] + (noise * random.ApproximateGaussian())), 0, 255);
        }

        return new GrayImage(Roi, Roi, pixels);
    }

    /// <summary>Bilinear sample of a canvas layer; the canvas is large enough that no sample falls outside.</summary>
    private static float Sample(float[] layer, double x, double y)
    {
        const int Size = PalmSketch.Size;
        var ix = Math.Clamp((int)x, 0, Size - 2);
        var iy = Math.Clamp((int)y, 0, Size - 2);
        var fx = (float)Math.Clamp(x - ix, 0, 1);
        var fy = (float)Math.Clamp(y - iy, 0, 1);
        var row = iy * Size;
        var top = layer[row + ix] + (fx * (layer[row + ix + 1] - layer[row + ix]));
        var bottom = layer[row + Size + ix] + (fx * (layer[row + Size + ix + 1] - layer[row + Size + ix]));
        return top + (fy * (bottom - top));
    }

    private static float[] GaussianBlur(float[] image, double sigma)
    {
        const int Radius = 4;
        var weights = new float[(2 * Radius) + 1];
        var total = 0.0;
        for (var i = -Radius; i <= Radius; i++)
        {
            var w = Math.Exp(-(i * i) / (2 * sigma * sigma));
            weights[i + Radius] = (float)w;
            total += w;
        }

        for (var i = 0; i < weights.Length; i++)
        {
            weights[i] /= (float)total;
        }

        // Rows, then columns; samples past the border repeat the edge pixel.
        var horizontal = new float[image.Length];
        var padded = new float[Roi + (2 * Radius)];
        for (var y = 0; y < Roi; y++)
        {
            var row = image.AsSpan(y * Roi, Roi);
            row.CopyTo(padded.AsSpan(Radius));
            padded.AsSpan(0, Radius).Fill(row[0]);
            padded.AsSpan(Radius + Roi).Fill(row[^1]);
            var target = horizontal.AsSpan(y * Roi, Roi);
            for (var x = 0; x < Roi; x++)
            {
                var sum = 0f;
                for (var k = 0; k < weights.Length; k++)
                {
                    sum += weights[k] * padded[x + k];
                }

                target[x] = sum;
            }
        }

        var result = new float[image.Length];
        for (var y = 0; y < Roi; y++)
        {
            var target = result.AsSpan(y * Roi, Roi);
            for (var k = 0; k < weights.Length; k++)
            {
                var source = horizontal.AsSpan(Math.Clamp(y + k - Radius, 0, Roi - 1) * Roi, Roi);
                var w = weights[k];
                for (var x = 0; x < Roi; x++)
                {
                    target[x] += w * source[x];
                }
            }
        }

        return result;
    }
}
