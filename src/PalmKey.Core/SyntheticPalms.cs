using PalmKey.Engine;
using PalmKey.Synthesis;

namespace PalmKey;

/// <summary>
/// Makes synthetic palm ROIs for scale tests, load tests and tests that must run without real data.
/// Each palm has principal lines and creases drawn as random curves and its own skin texture; each
/// capture of it is moved, turned and scaled a little, with its own lighting, blur and noise. They are
/// not real palms: docs/accuracy.md compares their scores with real ones. Never enroll them in a
/// production index.
/// </summary>
/// <remarks>
/// The output depends only on the arguments: the same seed, palm and sample give the same pixels every
/// time, with no hidden state. Across processor architectures or operating systems the math library's
/// last bits may differ, which can move a pixel by one gray level. Stateless and safe to call from many
/// threads at once.
/// </remarks>
public static class SyntheticPalms
{
    /// <summary>The side of every synthetic ROI, in pixels.</summary>
    public const int RoiSide = PalmSketch.RoiSize;

    /// <summary>
    /// Renders capture <paramref name="sample"/> of palm <paramref name="palm"/>: a 128x128 8-bit ROI.
    /// Costs about 2.5 ms on one core: about 1.5 ms to draw the palm, which <see cref="RenderCaptures"/>
    /// does once for all of a palm's captures, and 1 ms per capture.
    /// </summary>
    /// <param name="seed">Selects the population of palms.</param>
    /// <param name="palm">The palm (identity), any value.</param>
    /// <param name="sample">The capture of that palm, any value.</param>
    /// <returns>A new image.</returns>
    public static GrayImage Render(int seed, long palm, int sample) => RenderCaptures(seed, palm, sample, 1)[0];

    /// <summary>
    /// A further synthetic palm made from <paramref name="template"/> without drawing: its code with the
    /// cell grid mirrored or turned by <paramref name="symmetry"/> (0 to 7; bit 0 mirrors left to right,
    /// bit 1 top to bottom, bit 2 transposes), each cell's orientation turned with it. The same symmetry
    /// applied to a probe (<see cref="Transform(PalmProbe, int)"/>) gives exactly the score of the original
    /// pair, so a gallery of K symmetries of each drawn palm is K times larger with the same genuine scores;
    /// docs/accuracy.md measures how its impostor scores compare. No image is drawn or coded.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symmetry"/> is not 0 to 7.</exception>
    public static PalmTemplate Transform(PalmTemplate template, int symmetry)
    {
        ArgumentNullException.ThrowIfNull(template);
        var code = new uint[CodeLayout.Words];
        CodeSymmetry.Apply(template.Code, symmetry, code);
        return new PalmTemplate(code);
    }

    /// <summary>Every code of <paramref name="probe"/> under <paramref name="symmetry"/>, as <see cref="Transform(PalmTemplate, int)"/> does to a template.</summary>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="symmetry"/> is not 0 to 7.</exception>
    public static PalmProbe Transform(PalmProbe probe, int symmetry)
    {
        ArgumentNullException.ThrowIfNull(probe);
        var codes = new uint[probe.Codes.Count][];
        for (var i = 0; i < codes.Length; i++)
        {
            codes[i] = new uint[CodeLayout.Words];
            CodeSymmetry.Apply(probe.Codes[i], symmetry, codes[i]);
        }

        return new PalmProbe(codes, [.. probe.GridOffsets.Select(offset => CodeSymmetry.Apply(offset, symmetry))]);
    }

    /// <summary>Renders captures <paramref name="firstSample"/> to <paramref name="firstSample"/> + <paramref name="count"/> - 1 of one palm, drawing the palm once.</summary>
    /// <param name="seed">Selects the population of palms.</param>
    /// <param name="palm">The palm (identity), any value.</param>
    /// <param name="firstSample">The first capture to render.</param>
    /// <param name="count">How many captures, at least 1.</param>
    /// <returns>New images, in sample order.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="count"/> is less than 1.</exception>
    public static GrayImage[] RenderCaptures(int seed, long palm, int firstSample, int count)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(count, 1);
        var sketch = PalmSketch.Create(SplitMix.Seed((ulong)(uint)seed, (ulong)palm, ulong.MaxValue));
        try
        {
            var images = new GrayImage[count];
            for (var i = 0; i < count; i++)
            {
                images[i] = SampleRenderer.Render(sketch, SplitMix.Seed((ulong)(uint)seed, (ulong)palm, (ulong)(uint)(firstSample + i)));
            }

            return images;
        }
        finally
        {
            sketch.Release();
        }
    }
}
