namespace PalmKey.Server.Tests;

/// <summary>
/// Finds the real-image datasets, which live in <c>../shared/datasets</c> beside the repository root
/// and are never copied into the repository.
/// </summary>
internal static class TestData
{
    /// <summary>The repository root: the nearest folder above the test binaries that holds PalmKey.slnx.</summary>
    public static string? RepositoryRoot { get; } = FindRepositoryRoot();

    /// <summary>The datasets folder, or null where it does not exist on this machine.</summary>
    public static string? DatasetsRoot { get; } = FindDatasetsRoot();

    /// <summary>
    /// The folder of dataset <paramref name="name"/> (such as "tongji-roi"); skips the calling test,
    /// with a message naming the missing folder, where it is absent.
    /// </summary>
    public static string RequireDataset(string name)
    {
        var expected = RepositoryRoot is null
            ? $"../shared/datasets/{name} beside the repository root (no PalmKey.slnx found above {AppContext.BaseDirectory})"
            : Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "datasets", name));
        var path = DatasetsRoot is null ? null : Path.Combine(DatasetsRoot, name);
        if (path is null || !Directory.Exists(path))
        {
            Assert.Skip($"Dataset folder not found: {expected}. Tests on real images need it; the datasets are not part of the repository.");
        }

        return path;
    }

    private static string? FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PalmKey.slnx")))
            {
                return folder.FullName;
            }
        }

        return null;
    }

    private static string? FindDatasetsRoot()
    {
        if (RepositoryRoot is null)
        {
            return null;
        }

        var path = Path.GetFullPath(Path.Combine(RepositoryRoot, "..", "shared", "datasets"));
        return Directory.Exists(path) ? path : null;
    }
}
