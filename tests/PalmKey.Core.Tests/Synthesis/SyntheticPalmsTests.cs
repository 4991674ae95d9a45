namespace PalmKey.Tests.Synthesis;

public sealed class SyntheticPalmsTests
{
    [Fact]
    public void The_same_seed_palm_and_sample_give_the_same_pixels()
    {
        var a = SyntheticPalms.Render(seed: 3, palm: 12345, sample: 2);
        var b = SyntheticPalms.Render(seed: 3, palm: 12345, sample: 2);
        Assert.Equal(SyntheticPalms.RoiSide, a.Width);
        Assert.Equal(SyntheticPalms.RoiSide, a.Height);
        Assert.Equal(a.Pixels, b.Pixels);
        Assert.Equal(a.Pixels, SyntheticPalms.RenderCaptures(3, 12345, 1, 3)[1].Pixels);

        Assert.NotEqual(a.Pixels, SyntheticPalms.Render(4, 12345, 2).Pixels);
        Assert.NotEqual(a.Pixels, SyntheticPalms.Render(3, 12346, 2).Pixels);
        Assert.NotEqual(a.Pixels, SyntheticPalms.Render(3, 12345, 3).Pixels);
    }

    [Fact]
    public void Images_look_like_a_palm_ROI()
    {
        var image = SyntheticPalms.Render(seed: 1, palm: 0, sample: 0);
        var mean = image.Pixels.Average(p => (double)p);
        Assert.InRange(mean, 60, 200);
        Assert.True(image.Pixels.Max() - image.Pixels.Min() > 40, "no contrast");
        Assert.True(image.Pixels.Count(p => p is 0 or 255) < image.Pixels.Length / 100, "clipped");
    }

    [Fact]
    public void Captures_of_one_palm_score_well_above_other_palms()
    {
        const int Palms = 16;
        var probes = new PalmProbe[Palms];
        var templates = new PalmTemplate[Palms];
        Parallel.For(0, Palms, p =>
        {
            var captures = SyntheticPalms.RenderCaptures(seed: 2, palm: p, firstSample: 0, count: 2);
            templates[p] = PalmExtractor.Extract(captures[0]);
            probes[p] = PalmExtractor.ExtractProbe(captures[1]);
        });

        var genuine = new List<double>();
        var impostor = new List<double>();
        for (var p = 0; p < Palms; p++)
        {
            var matcher = new PalmMatcher(probes[p]);
            for (var q = 0; q < Palms; q++)
            {
                (p == q ? genuine : impostor).Add(matcher.Match(templates[q]));
            }
        }

        // As on real palms (docs/accuracy.md): genuine scores near 35, impostors near 7 and rarely above 15.
        Assert.InRange(genuine.Order().ElementAt(Palms / 2), 25, 50);
        Assert.InRange(impostor.Average(), 4, 11);
        Assert.True(impostor.Max() < 20, $"an impostor scored {impostor.Max():F1}");
        Assert.True(genuine.Count(g => g > impostor.Max()) >= Palms - 2, "genuine captures do not stand out");
    }
}
