using System.Diagnostics;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Cli.Synthesis;

/// <summary>
/// Synthetic palms for scale tests: palm p of a gallery is enrolled with its capture 0; probes of
/// enrolled palms use their capture 1, and probes of palms that are not enrolled come from palms
/// numbered from <see cref="OutsiderBase"/>, far beyond any gallery.
/// </summary>
internal static class SyntheticGallery
{
    /// <summary>The first palm number of the population that is never enrolled.</summary>
    public const long OutsiderBase = 1L << 40;

    /// <summary>Makes the templates of palms <paramref name="first"/> .. <paramref name="first"/> + count - 1 (capture 0), in parallel.</summary>
    public static PalmTemplate[] Templates(int seed, long first, int count, int threads, ProgressReporter progress)
    {
        var templates = new PalmTemplate[count];
        var done = 0;
        using var phase = progress.Start("synthesizing gallery", count);
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, i =>
        {
            templates[i] = PalmExtractor.Extract(SyntheticPalms.Render(seed, first + i, 0));
            phase.Report(Interlocked.Increment(ref done));
        });
        return templates;
    }

    /// <summary>
    /// Gallery templates of palms 0 .. count-1, from <paramref name="cacheFolder"/> where it has them for
    /// this seed (a cache of more palms serves its first ones), else made (only those the cache lacks)
    /// and written there. Returns the templates and the seconds spent making them, with how many were made.
    /// </summary>
    public static (PalmTemplate[] Templates, double SynthesisSeconds, int Made) CachedTemplates(int seed, int count, int threads, string? cacheFolder, ProgressReporter progress)
    {
        var path = cacheFolder is null ? null : Path.Combine(cacheFolder, $"synthetic-s{seed}.pktl");
        var cached = path is not null && File.Exists(path) ? TemplateFile.Read(path) : [];
        if (cached.Length >= count)
        {
            return (cached[..count], 0, 0);
        }

        var start = Stopwatch.GetTimestamp();
        var made = Templates(seed, cached.Length, count - cached.Length, threads, progress);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        PalmTemplate[] templates = [.. cached, .. made];
        if (path is not null)
        {
            TemplateFile.Write(path, templates);
        }

        return (templates, seconds, made.Length);
    }

    /// <summary>The id a synthetic palm is enrolled under: its number in the first 8 bytes, so ids sort by palm.</summary>
    public static Guid Id(long palm)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, palm + 1);
        return new Guid(bytes);
    }

    /// <summary>The palm number behind an id made by <see cref="Id"/>.</summary>
    public static long Palm(Guid id)
    {
        Span<byte> bytes = stackalloc byte[16];
        id.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes) - 1;
    }
}
