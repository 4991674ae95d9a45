using System.Globalization;

namespace PalmKey.Tests.Commands;

[Collection(nameof(ConsoleRedirection))]
public sealed class ExtractAndMatchCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("palmkey-commands-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Extract_writes_the_788_byte_template_of_the_image()
    {
        var image = WriteImage("palm.png", palm: 1);
        var template = Path.Combine(_folder, "palm.pktp");

        var result = Cli.Run("extract", image, "--out", template);

        Assert.True(result.ExitCode == 0, result.ToString());
        var bytes = File.ReadAllBytes(template);
        Assert.Equal(788, bytes.Length);
        Assert.Equal(PalmExtractor.Extract(ImageCodec.ReadGray(image)).ToBytes(), bytes);
        Assert.Equal($"wrote {template} (788 bytes){Environment.NewLine}", result.Output);
        Assert.Empty(result.Error);
    }

    [Fact]
    public void Match_scores_an_image_against_itself_100_in_every_combination_of_image_and_template()
    {
        var image = WriteImage("palm.png", palm: 1);
        var template = Path.Combine(_folder, "palm.pktp");
        Assert.Equal(0, Cli.Run("extract", image, "--out", template).ExitCode);

        foreach (var (probe, candidate) in new[] { (image, image), (image, template), (template, image), (template, template) })
        {
            var result = Cli.Run("match", probe, candidate);

            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Equal($"100.00{Environment.NewLine}", result.Output);
        }
    }

    [Fact]
    public void Match_scores_two_different_palms_low()
    {
        var result = Cli.Run("match", WriteImage("a.png", palm: 1), WriteImage("b.png", palm: 2));

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.InRange(double.Parse(result.Output, CultureInfo.InvariantCulture), 0, 20);
    }

    [Fact]
    public void Match_refuses_a_damaged_template_in_one_line()
    {
        var image = WriteImage("palm.png", palm: 1);
        var bytes = PalmExtractor.Extract(ImageCodec.ReadGray(image)).ToBytes();
        bytes[100] ^= 0x10;
        var damaged = Path.Combine(_folder, "damaged.pktp");
        File.WriteAllBytes(damaged, bytes);
        var truncated = Path.Combine(_folder, "truncated.pktp");
        File.WriteAllBytes(truncated, bytes[..20]);

        foreach (var (probe, candidate, message) in new[]
        {
            (image, damaged, "palmkey: Template checksum mismatch"),
            (damaged, image, "palmkey: Template checksum mismatch"),
            (image, truncated, "palmkey: Template is 20 bytes long"),
        })
        {
            var result = Cli.Run("match", probe, candidate);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.AllErrorLines);
            Assert.StartsWith(message, line, StringComparison.Ordinal);
            Assert.Empty(result.Output);
        }
    }

    [Fact]
    public void Match_and_extract_report_a_missing_file_in_one_line()
    {
        var image = WriteImage("palm.png", palm: 1);
        var missing = Path.Combine(_folder, "missing.png");

        foreach (var args in new[] { new[] { "match", image, missing }, ["match", missing, image], ["extract", missing, "--out", Path.Combine(_folder, "t.pktp")] })
        {
            var result = Cli.Run(args);

            Assert.Equal(1, result.ExitCode);
            var line = Assert.Single(result.AllErrorLines);
            Assert.StartsWith("palmkey: ", line, StringComparison.Ordinal);
            Assert.Contains(missing, line, StringComparison.Ordinal);
        }

        Assert.False(File.Exists(Path.Combine(_folder, "t.pktp")));
    }

    [Fact]
    public void Extract_refuses_what_is_not_a_palm_ROI_in_one_line()
    {
        var text = Path.Combine(_folder, "notes.png");
        File.WriteAllText(text, "not an image");
        var tiny = Path.Combine(_folder, "tiny.png");
        File.WriteAllBytes(tiny, ImageCodec.EncodePng(new GrayImage(20, 40, new byte[800])));
        var output = Path.Combine(_folder, "t.pktp");

        var notImage = Cli.Run("extract", text, "--out", output);
        var tooSmall = Cli.Run("extract", tiny, "--out", output);

        Assert.Equal((1, 1), (notImage.ExitCode, tooSmall.ExitCode));
        Assert.StartsWith("palmkey: Unknown image format", Assert.Single(notImage.AllErrorLines), StringComparison.Ordinal);
        Assert.Contains("this one is 20x40", Assert.Single(tooSmall.AllErrorLines), StringComparison.Ordinal);
        Assert.False(File.Exists(output));
    }

    private string WriteImage(string name, int palm)
    {
        var path = Path.Combine(_folder, name);
        File.WriteAllBytes(path, TestDataset.Png(palm, "s1_1"));
        return path;
    }
}
