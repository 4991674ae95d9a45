using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Synthesis;

namespace PalmKey.Tests.Synthesis;

public sealed class SyntheticGalleryTests
{
    [Fact]
    public void The_eight_symmetries_are_distinct_and_each_undoes_as_the_square_group_says()
    {
        var pixels = new byte[5 * 5];
        for (var i = 0; i < pixels.Length; i++)
        {
            pixels[i] = (byte)i;
        }

        var image = new GrayImage(5, 5, pixels);
        var images = Enumerable.Range(0, SyntheticGallery.MaxDerive).Select(s => SyntheticGallery.Dihedral(image, s).Pixels).ToList();
        Assert.Equal(SyntheticGallery.MaxDerive, images.Select(p => Convert.ToHexString(p)).Distinct().Count());
        Assert.Same(image, SyntheticGallery.Dihedral(image, 0));
        Assert.Equal(4, images[1][0]);
        Assert.Equal(20, images[2][0]);
        Assert.Equal(5, images[4][1]);

        // Mirrors and the transpose are their own inverses.
        foreach (var symmetry in new[] { 1, 2, 3, 4 })
        {
            Assert.Equal(pixels, SyntheticGallery.Dihedral(SyntheticGallery.Dihedral(image, symmetry), symmetry).Pixels);
        }

        Assert.Throws<ArgumentOutOfRangeException>(() => SyntheticGallery.Dihedral(image, 8));
    }

    [Fact]
    public void Derived_palms_are_symmetries_of_their_drawn_palm_and_their_probes_match_them()
    {
        const int Derive = 4;
        var templates = SyntheticGallery.Templates(seed: 3, first: 2, count: 6, threads: 2, ProgressReporter.Silent, Derive);
        for (var n = 0; n < templates.Length; n++)
        {
            var palm = 2 + n;
            var expected = PalmExtractor.Extract(SyntheticGallery.Dihedral(SyntheticPalms.Render(3, palm / Derive, 0), palm % Derive));
            Assert.Equal(expected.ToBytes(), templates[n].ToBytes());
        }

        // Each derived palm's probe scores its own template above every other derived palm's.
        for (var n = 0; n < templates.Length; n++)
        {
            var matcher = new PalmMatcher(SyntheticGallery.Probe(3, 2 + n, 1, Derive));
            var scores = templates.Select(t => matcher.Match(t)).ToArray();
            Assert.Equal(n, Array.IndexOf(scores, scores.Max()));
        }
    }
}
