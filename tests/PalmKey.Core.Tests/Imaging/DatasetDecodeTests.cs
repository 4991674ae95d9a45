namespace PalmKey.Tests.Imaging;

/// <summary>Decodes a few real files from ../shared/datasets; skips, naming the folder, where it is absent.</summary>
public sealed class DatasetDecodeTests
{
    [Theory]
    [InlineData("tongji-roi", "*.bmp", 128, 128)]
    [InlineData("polyu-palm", "*.bmp", 384, 284)]
    [InlineData("coep-hand", "*.JPG", 1024, 768)]
    public void Decodes_real_files_at_their_documented_size(string dataset, string pattern, int width, int height)
    {
        var folder = TestData.RequireDataset(dataset);
        var files = Directory.EnumerateFiles(folder, pattern, new EnumerationOptions { RecurseSubdirectories = true, MatchCasing = MatchCasing.CaseInsensitive })
            .Order(StringComparer.Ordinal)
            .Take(3)
            .ToArray();
        Assert.NotEmpty(files);

        foreach (var file in files)
        {
            var gray = ImageCodec.ReadGray(file);
            var rgb = ImageCodec.ReadRgb(file);

            Assert.Equal((width, height), (gray.Width, gray.Height));
            Assert.Equal((width, height), (rgb.Width, rgb.Height));

            // Real content, not a blank frame: the image has some contrast.
            Assert.True(gray.Pixels.Max() - gray.Pixels.Min() > 50, $"{file} looks blank");
        }
    }
}
