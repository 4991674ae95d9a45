namespace PalmKey.Tests.Index;

/// <summary>
/// A small set of synthetic palms, rendered once per test run: palm p's capture k as a probe (with its
/// template). Captures 0 and 1 usually enroll, capture 2 probes.
/// </summary>
internal static class SyntheticSet
{
    public const int Palms = 48;
    public const int Captures = 3;

    private static readonly Lazy<PalmProbe[,]> Probes = new(() =>
    {
        var probes = new PalmProbe[Palms, Captures];
        Parallel.For(0, Palms, p =>
        {
            var images = SyntheticPalms.RenderCaptures(seed: 5, palm: p, firstSample: 0, count: Captures);
            for (var k = 0; k < Captures; k++)
            {
                probes[p, k] = PalmExtractor.ExtractProbe(images[k]);
            }
        });
        return probes;
    });

    public static PalmProbe Probe(int palm, int capture) => Probes.Value[palm, capture];

    public static PalmTemplate Template(int palm, int capture) => Probes.Value[palm, capture].Template;

    /// <summary>A readable id for palm p.</summary>
    public static Guid Id(int palm) => new(palm + 1, 0, 0, new byte[8]);
}
