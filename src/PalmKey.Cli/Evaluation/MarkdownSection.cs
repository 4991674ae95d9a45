namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Replaces the generated part of a Markdown document between
/// <c>&lt;!-- BEGIN name --&gt;</c> and <c>&lt;!-- END name --&gt;</c>, leaving the hand-written
/// text around it alone.
/// </summary>
internal static class MarkdownSection
{
    /// <exception cref="InvalidDataException">The document lacks the section's markers.</exception>
    public static void Replace(string path, string name, string content)
    {
        var document = File.ReadAllText(path);
        var begin = $"<!-- BEGIN {name} -->";
        var end = $"<!-- END {name} -->";
        var start = document.IndexOf(begin, StringComparison.Ordinal);
        var stop = document.IndexOf(end, StringComparison.Ordinal);
        if (start < 0 || stop < start)
        {
            throw new InvalidDataException($"{path} has no section \"{name}\": add the lines {begin} and {end} where it belongs.");
        }

        var updated = document[..(start + begin.Length)] + Environment.NewLine + content.TrimEnd() + Environment.NewLine + document[stop..];
        File.WriteAllText(path, updated);
    }
}
