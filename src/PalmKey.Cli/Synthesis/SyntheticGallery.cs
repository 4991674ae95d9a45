using System.Diagnostics;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Cli.Synthesis;

/// <summary>
/// Synthetic palms for scale tests: palm p of a gallery is enrolled with its capture 0; probes of
/// enrolled palms use their capture 1, and probes of palms that are not enrolled come from palms
/// numbered from <see cref="OutsiderBase"/>, far beyond any gallery.
/// </summary>
/// <remarks>
/// With <c>derive</c> = K above 1, drawn palm b stands for K palms, b * K to b * K + K - 1: palm p is
/// drawn palm p / K with every capture mirrored, turned or transposed by the symmetry p mod K of the
/// square (<see cref="Dihedral"/>). That makes a gallery K times larger for the cost of one drawing per
/// K palms (drawing is most of the cost of a synthetic palm). The copies are different palms to the
/// matcher, but 6 of the 8 symmetries give palms that are not upright, which real palms never are, so
/// palms of different symmetries confuse one another less than real palms do (docs/benchmarks.md).
/// </remarks>
internal static class SyntheticGallery
{
    /// <summary>The first palm number of the population that is never enrolled.</summary>
    public const long OutsiderBase = 1L << 40;

    /// <summary>The most palms one drawn palm may stand for: the 8 symmetries of the square.</summary>
    public const int MaxDerive = 8;

    /// <summary>Makes the templates of palms <paramref name="first"/> .. <paramref name="first"/> + count - 1 (capture 0), in parallel.</summary>
    public static PalmTemplate[] Templates(int seed, long first, int count, int threads, ProgressReporter progress, int derive = 1)
    {
        var templates = new PalmTemplate[count];
        var done = 0;
        using var phase = progress.Start("synthesizing gallery", count);
        var firstDrawn = first / derive;
        var lastDrawn = (first + count - 1) / derive;
        Parallel.For(firstDrawn, lastDrawn + 1, new ParallelOptions { MaxDegreeOfParallelism = threads }, drawn =>
        {
            var image = SyntheticPalms.Render(seed, drawn, 0);
            for (var symmetry = 0; symmetry < derive; symmetry++)
            {
                var palm = (drawn * derive) + symmetry;
                if (palm >= first && palm < first + count)
                {
                    templates[palm - first] = PalmExtractor.Extract(Dihedral(image, symmetry));
                    phase.Report(Interlocked.Increment(ref done));
                }
            }
        });
        return templates;
    }

    /// <summary>Capture <paramref name="sample"/> of gallery palm <paramref name="palm"/>, prepared as a probe.</summary>
    public static PalmProbe Probe(int seed, long palm, int sample, int derive = 1) =>
        PalmExtractor.ExtractProbe(Dihedral(SyntheticPalms.Render(seed, palm / derive, sample), (int)(palm % derive)));

    /// <summary>A capture of the <paramref name="n"/>th palm that is not enrolled in any gallery, prepared as a probe.</summary>
    public static PalmProbe Outsider(int seed, int n, int derive = 1) =>
        PalmExtractor.ExtractProbe(Dihedral(SyntheticPalms.Render(seed, OutsiderBase + n, 0), n % derive));

    /// <summary>
    /// The first <paramref name="count"/> palms of a gallery of <paramref name="symmetries"/> palms per drawn
    /// palm: palm p is drawn palm p / symmetries under code symmetry p mod symmetries
    /// (<see cref="SyntheticPalms.Transform(PalmTemplate, int)"/>). With 1, the drawn palms themselves.
    /// </summary>
    public static PalmTemplate[] Symmetric(PalmTemplate[] drawn, int count, int symmetries, int threads)
    {
        if (symmetries == 1)
        {
            return drawn[..count];
        }

        var templates = new PalmTemplate[count];
        Parallel.For(0, count, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            templates[p] = SyntheticPalms.Transform(drawn[p / symmetries], p % symmetries));
        return templates;
    }

    /// <summary>A probe of drawn palm <paramref name="palm"/> / symmetries as palm <paramref name="palm"/> of a <see cref="Symmetric"/> gallery.</summary>
    public static PalmProbe SymmetricProbe(PalmProbe drawn, long palm, int symmetries) =>
        symmetries == 1 ? drawn : SyntheticPalms.Transform(drawn, (int)(palm % symmetries));

    /// <summary>
    /// Gallery templates of palms 0 .. count-1, from <paramref name="cacheFolder"/> where it has them for
    /// this seed and derive factor (a cache of more palms serves its first ones), else made (only those
    /// the cache lacks) and written there. Returns the templates and the seconds spent making them, with
    /// how many were made.
    /// </summary>
    public static (PalmTemplate[] Templates, double SynthesisSeconds, int Made) CachedTemplates(int seed, int count, int threads, string? cacheFolder, ProgressReporter progress, int derive = 1)
    {
        var name = derive == 1 ? $"synthetic-s{seed}.pktl" : $"synthetic-s{seed}-d{derive}.pktl";
        var path = cacheFolder is null ? null : Path.Combine(cacheFolder, name);
        var cached = path is not null && File.Exists(path) ? TemplateFile.Read(path) : [];
        if (cached.Length >= count)
        {
            return (cached[..count], 0, 0);
        }

        var start = Stopwatch.GetTimestamp();
        var made = Templates(seed, cached.Length, count - cached.Length, threads, progress, derive);
        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        PalmTemplate[] templates = [.. cached, .. made];
        if (path is not null)
        {
            TemplateFile.Write(path, templates);
        }

        return (templates, seconds, made.Length);
    }

    /// <summary>
    /// The square image under symmetry <paramref name="symmetry"/> (0 to 7): bit 0 mirrors left to right
    /// (a left hand for a right one), bit 1 top to bottom, bit 2 transposes. 0 returns the image itself.
    /// </summary>
    public static GrayImage Dihedral(GrayImage image, int symmetry)
    {
        ArgumentOutOfRangeException.ThrowIfNotEqual(image.Width, image.Height, nameof(image));
        ArgumentOutOfRangeException.ThrowIfNegative(symmetry);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symmetry, MaxDerive);
        if (symmetry == 0)
        {
            return image;
        }

        var n = image.Width;
        var source = image.Pixels;
        var pixels = new byte[n * n];
        for (var y = 0; y < n; y++)
        {
            for (var x = 0; x < n; x++)
            {
                var sx = (symmetry & 1) != 0 ? n - 1 - x : x;
                var sy = (symmetry & 2) != 0 ? n - 1 - y : y;
                if ((symmetry & 4) != 0)
                {
                    (sx, sy) = (sy, sx);
                }

                pixels[(y * n) + x] = source[(sy * n) + sx];
            }
        }

        return new GrayImage(n, n, pixels);
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
