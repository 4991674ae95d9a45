namespace PalmKey.Engine;

/// <summary>
/// The real Gabor filters of the competitive code, in Kong and Zhang's form: an envelope twice as long
/// along the line as across it, a cosine carrier across the line, the mean removed (so that uniform
/// brightness gives no response) and unit energy. Index: scale * Orientations + orientation.
/// </summary>
internal static class GaborBank
{
    public static float[][] Kernels { get; } = Build();

    private static float[][] Build()
    {
        var kernels = new float[CodeLayout.Scales * CodeLayout.Orientations][];
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var orientation = 0; orientation < CodeLayout.Orientations; orientation++)
            {
                kernels[(scale * CodeLayout.Orientations) + orientation] = Kernel(
                    CodeLayout.Sigmas[scale],
                    CodeLayout.Wavelengths[scale],
                    Math.PI * orientation / CodeLayout.Orientations);
            }
        }

        return kernels;
    }

    private static float[] Kernel(double sigma, double wavelength, double theta)
    {
        const int Size = CodeLayout.KernelSize;
        const int Half = Size / 2;
        var values = new double[Size * Size];
        var frequency = 2 * Math.PI / wavelength;
        var (sin, cos) = Math.SinCos(theta);
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                double dx = x - Half, dy = y - Half;
                var across = (dx * cos) + (dy * sin);
                var along = (-dx * sin) + (dy * cos);
                var envelope = Math.Exp(-((4 * across * across) + (along * along)) / (8 * sigma * sigma));
                values[(y * Size) + x] = envelope * Math.Cos(frequency * across);
            }
        }

        var mean = values.Average();
        var energy = Math.Sqrt(values.Sum(v => (v - mean) * (v - mean)));
        return [.. values.Select(v => (float)((v - mean) / energy))];
    }
}
