using PalmKey.Cli.Commands;
using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Synthesis;

namespace PalmKey.Tests.Commands;

public sealed class SynthCommandTests
{
    [Fact]
    public void Png_output_is_laid_out_as_a_dataset_and_repeats_exactly()
    {
        var first = Directory.CreateTempSubdirectory("palmkey-synth-");
        var second = Directory.CreateTempSubdirectory("palmkey-synth-");
        try
        {
            Assert.Equal(0, SynthCommand.Create().Parse(["--palms", "3", "--samples", "2", "--out", first.FullName, "--seed", "4"]).Invoke());
            SynthCommand.Write(second.FullName, palms: 3, samples: 2, seed: 4, templates: false, threads: 1, ProgressReporter.Silent);
            var files = Directory.GetFiles(first.FullName, "*.png", SearchOption.AllDirectories).Select(f => Path.GetRelativePath(first.FullName, f)).Order(StringComparer.Ordinal).ToArray();
            Assert.Equal([Path.Combine("palm0000", "s00.png"), Path.Combine("palm0000", "s01.png"), Path.Combine("palm0001", "s00.png"), Path.Combine("palm0001", "s01.png"), Path.Combine("palm0002", "s00.png"), Path.Combine("palm0002", "s01.png")], files);
            foreach (var file in files)
            {
                var image = ImageCodec.ReadGray(Path.Combine(first.FullName, file));
                Assert.Equal((128, 128), (image.Width, image.Height));
                Assert.Equal(File.ReadAllBytes(Path.Combine(first.FullName, file)), File.ReadAllBytes(Path.Combine(second.FullName, file)));
            }
        }
        finally
        {
            first.Delete(recursive: true);
            second.Delete(recursive: true);
        }
    }

    [Fact]
    public void Template_output_holds_every_capture_in_palm_order()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-synth-");
        try
        {
            SynthCommand.Write(folder.FullName, palms: 2, samples: 3, seed: 1, templates: true, threads: 2, ProgressReporter.Silent);
            var templates = TemplateFile.Read(Path.Combine(folder.FullName, "templates.pktl"));
            Assert.Equal(6, templates.Length);
            var expected = PalmExtractor.Extract(SyntheticPalms.Render(1, palm: 1, sample: 2));
            Assert.Equal(expected.ToBytes(), templates[5].ToBytes());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void Bad_counts_are_refused()
    {
        var result = SynthCommand.Create().Parse(["--palms", "0", "--samples", "2", "--out", "x"]);
        Assert.NotEmpty(result.Errors);
    }
}
