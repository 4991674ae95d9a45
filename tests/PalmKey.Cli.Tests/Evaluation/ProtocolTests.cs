using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

public sealed class ProtocolTests
{
    [Fact]
    public void All_pairs_enrolls_and_probes_every_image()
    {
        using var folder = new TestDataset();
        var dataset = Dataset.Open(folder.Root);
        var protocol = new Protocol(null, null, null);

        var (enrolled, probes) = protocol.Select(dataset);

        Assert.True(protocol.IsAllPairs);
        Assert.Equal(dataset.Images, enrolled);
        Assert.Equal(dataset.Images, probes);
        Assert.Equal("all pairs (every image against every other image)", protocol.Describe());
    }

    [Fact]
    public void Globs_split_enrolled_and_probe_images_in_dataset_order()
    {
        using var folder = new TestDataset();
        var dataset = Dataset.Open(folder.Root);
        var protocol = new Protocol(new FileGlob("s1_*"), new FileGlob("s2_*"), null);

        var (enrolled, probes) = protocol.Select(dataset);

        Assert.False(protocol.IsAllPairs);
        Assert.Equal(Names(4, "s1_1.png", "s1_2.png"), Names(enrolled));
        Assert.Equal(Names(4, "s2_1.png", "s2_2.png"), Names(probes));
        Assert.Equal("enroll 's1_*'; probe 's2_*'", protocol.Describe());
    }

    [Theory]
    [InlineData(1, new[] { "s1_1.png" })]
    [InlineData(2, new[] { "s1_1.png", "s1_2.png" })]
    [InlineData(5, new[] { "s1_1.png", "s1_2.png" })]
    public void An_enroll_count_keeps_the_first_images_of_each_palm(int count, string[] kept)
    {
        using var folder = new TestDataset();
        var dataset = Dataset.Open(folder.Root);
        var protocol = new Protocol(new FileGlob("s1_*"), new FileGlob("s2_*"), count);

        var (enrolled, probes) = protocol.Select(dataset);

        Assert.Equal(Names(4, kept), Names(enrolled));
        Assert.Equal(Names(4, "s2_1.png", "s2_2.png"), Names(probes));
        Assert.Equal($"enroll 's1_*', first {count} per palm; probe 's2_*'", protocol.Describe());
    }

    [Fact]
    public void Patterns_that_match_nothing_select_nothing()
    {
        using var folder = new TestDataset();
        var dataset = Dataset.Open(folder.Root);

        var (enrolled, probes) = new Protocol(new FileGlob("s3_*"), new FileGlob("*.png"), null).Select(dataset);

        Assert.Empty(enrolled);
        Assert.Equal(dataset.Images, probes);
    }

    private static string[] Names(int palms, params string[] files) =>
        [.. Enumerable.Range(1, palms).SelectMany(palm => files.Select(file => $"palm{palm}/{file}"))];

    private static string[] Names(IEnumerable<DatasetImage> images) => [.. images.Select(image => $"{image.PalmId}/{image.FileName}")];
}
