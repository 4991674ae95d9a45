namespace PalmKey.Cli.Evaluation;

/// <summary>
/// A folder of palm images laid out as <c>&lt;palm-id&gt;/&lt;image files&gt;</c>: one sub-folder per
/// palm, in ordinal order of folder name; images within a palm in ordinal order of file name.
/// Files that are not images by extension are skipped.
/// </summary>
internal sealed class Dataset
{
    private static readonly HashSet<string> ImageExtensions = new(StringComparer.OrdinalIgnoreCase)
    {
        ".bmp", ".png", ".pgm", ".ppm", ".pnm", ".jpg", ".jpeg",
    };

    private Dataset(string root, IReadOnlyList<string> palmIds, IReadOnlyList<DatasetImage> images)
    {
        Root = root;
        PalmIds = palmIds;
        Images = images;
    }

    public string Root { get; }

    public string Name => Path.GetFileName(Path.TrimEndingDirectorySeparator(Root));

    public IReadOnlyList<string> PalmIds { get; }

    public IReadOnlyList<DatasetImage> Images { get; }

    /// <exception cref="DirectoryNotFoundException">The folder does not exist.</exception>
    /// <exception cref="InvalidDataException">The folder holds no palm folders with images.</exception>
    public static Dataset Open(string root)
    {
        if (!Directory.Exists(root))
        {
            throw new DirectoryNotFoundException($"Dataset folder not found: {root}");
        }

        var palmIds = new List<string>();
        var images = new List<DatasetImage>();
        foreach (var folder in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
        {
            var files = Directory.GetFiles(folder)
                .Where(file => ImageExtensions.Contains(Path.GetExtension(file)))
                .Order(StringComparer.Ordinal)
                .ToList();
            if (files.Count == 0)
            {
                continue;
            }

            var palmId = Path.GetFileName(folder);
            foreach (var file in files)
            {
                images.Add(new DatasetImage(images.Count, palmIds.Count, palmId, file));
            }

            palmIds.Add(palmId);
        }

        if (images.Count == 0)
        {
            throw new InvalidDataException($"No palm images in {root}: expected one folder per palm holding .bmp, .png, .pgm, .ppm or .jpg files.");
        }

        return new Dataset(Path.GetFullPath(root), palmIds, images);
    }
}
