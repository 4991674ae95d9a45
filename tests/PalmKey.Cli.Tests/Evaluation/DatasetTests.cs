using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Evaluation;

public sealed class DatasetTests
{
    [Fact]
    public void Lists_palms_and_images_in_ordinal_order_and_skips_what_is_not_a_palm_image()
    {
        using var folder = new TestDataset(palms: 3);
        folder.Write(2, "S1_0.PNG", TestDataset.Png(2, "s1_1"));

        var dataset = Dataset.Open(folder.Root);

        // palm0 is empty, zz-notes holds only text, and palm1's notes.txt is not an image.
        Assert.Equal(["palm1", "palm2", "palm3"], dataset.PalmIds);
        Assert.Equal(folder.Name, dataset.Name);
        Assert.Equal(Path.GetFullPath(folder.Root), dataset.Root);
        Assert.Equal(
            ["palm1/s1_1.png", "palm1/s1_2.png", "palm1/s2_1.png", "palm1/s2_2.png",
             "palm2/S1_0.PNG", "palm2/s1_1.png", "palm2/s1_2.png", "palm2/s2_1.png", "palm2/s2_2.png",
             "palm3/s1_1.png", "palm3/s1_2.png", "palm3/s2_1.png", "palm3/s2_2.png"],
            dataset.Images.Select(image => $"{image.PalmId}/{image.FileName}"));
        Assert.Equal(Enumerable.Range(0, 13), dataset.Images.Select(image => image.Index));
        Assert.All(dataset.Images, image => Assert.Equal(dataset.PalmIds[image.Palm], image.PalmId));
        Assert.All(dataset.Images, image => Assert.True(File.Exists(image.Path)));
    }

    [Fact]
    public void Refuses_a_missing_folder()
    {
        var missing = Path.Combine(Path.GetTempPath(), $"palmkey-missing-{Guid.NewGuid():N}");

        var error = Assert.Throws<DirectoryNotFoundException>(() => Dataset.Open(missing));

        Assert.Contains(missing, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_folder_without_palm_images()
    {
        using var folder = new TestDataset(palms: 0);
        File.WriteAllText(Path.Combine(folder.Root, "loose.png"), "an image outside any palm folder does not count");

        var error = Assert.Throws<InvalidDataException>(() => Dataset.Open(folder.Root));

        Assert.Contains("No palm images", error.Message, StringComparison.Ordinal);
        Assert.Contains(folder.Root, error.Message, StringComparison.Ordinal);
    }
}
