namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Which images enroll and which probe. Without globs every image is compared with every other image
/// (all pairs); with them the images matching <see cref="EnrollGlob"/> enroll (only the first
/// <see cref="EnrollCount"/> of each palm, in file-name order, when it is set) and the images matching
/// <see cref="ProbeGlob"/> probe.
/// </summary>
internal sealed record Protocol(FileGlob? EnrollGlob, FileGlob? ProbeGlob, int? EnrollCount)
{
    public bool IsAllPairs => EnrollGlob is null;

    public string Describe()
    {
        if (IsAllPairs)
        {
            return "all pairs (every image against every other image)";
        }

        var count = EnrollCount is { } k ? $", first {k} per palm" : string.Empty;
        return $"enroll '{EnrollGlob!.Pattern}'{count}; probe '{ProbeGlob!.Pattern}'";
    }

    /// <summary>Splits a dataset into enrolled and probe images, keeping dataset order.</summary>
    public (IReadOnlyList<DatasetImage> Enrolled, IReadOnlyList<DatasetImage> Probes) Select(Dataset dataset)
    {
        if (IsAllPairs)
        {
            return (dataset.Images, dataset.Images);
        }

        var enrolled = dataset.Images
            .Where(image => EnrollGlob!.IsMatch(image.FileName))
            .GroupBy(image => image.Palm)
            .SelectMany(palm => EnrollCount is { } k ? palm.Take(k) : palm)
            .ToList();
        var probes = dataset.Images.Where(image => ProbeGlob!.IsMatch(image.FileName)).ToList();
        return (enrolled, probes);
    }
}
