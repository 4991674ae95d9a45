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
