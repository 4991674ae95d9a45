namespace PalmKey.Cli.Synthesis;

/// <summary>
/// A file of serialized templates back to back (each <see cref="PalmTemplate.SerializedLength"/> bytes,
/// docs/template-format.md), in the order they were written: what <c>palmkey synth --format templates</c>
/// writes and what <c>palmkey bench-search</c> caches.
/// </summary>
internal static class TemplateFile
{
    public static void Write(string path, IEnumerable<PalmTemplate> templates)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
        {
            foreach (var template in templates)
            {
                stream.Write(template.ToBytes());
            }
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <exception cref="TemplateFormatException">The file's length is not a whole number of templates, or a template is damaged.</exception>
    public static PalmTemplate[] Read(string path)
    {
        var length = PalmTemplate.SerializedLength;
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20);
        if (stream.Length % length != 0)
        {
            throw new TemplateFormatException($"{path} is {stream.Length} bytes, not a whole number of {length}-byte templates.");
        }

        var templates = new PalmTemplate[stream.Length / length];
        var buffer = new byte[length * 4096];
        for (var done = 0; done < templates.Length;)
        {
            var count = Math.Min(4096, templates.Length - done);
            stream.ReadExactly(buffer, 0, count * length);
            for (var i = 0; i < count; i++)
            {
                templates[done + i] = PalmTemplate.FromBytes(buffer.AsSpan(i * length, length));
            }

            done += count;
        }

        return templates;
    }
}
