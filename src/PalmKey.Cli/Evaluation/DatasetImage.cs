namespace PalmKey.Cli.Evaluation;

/// <summary>One image of a dataset: its position in the dataset, the palm it shows (its folder) and its file.</summary>
internal sealed record DatasetImage(int Index, int Palm, string PalmId, string Path)
{
    public string FileName => System.IO.Path.GetFileName(Path);
}
