namespace PalmKey.Tests.Index;

/// <summary>
/// The first <see cref="Palms"/> palms of the Tongji ROI set, extracted once per test run: per palm the
/// session-1 and session-2 captures as probes, in file-name order. Tests skip where the dataset is absent.
/// </summary>
internal sealed class TongjiSet
{
    public const int Palms = 100;

    private static readonly Lazy<TongjiSet> Instance = new(() => new TongjiSet(TestData.RequireDataset("tongji-roi")));

    private TongjiSet(string folder)
    {
        var palms = Directory.GetDirectories(folder).Order(StringComparer.Ordinal).Take(Palms).ToArray();
        SessionOne = new PalmProbe[palms.Length][];
        SessionTwo = new PalmProbe[palms.Length][];
        Parallel.For(0, palms.Length, p =>
        {
            PalmProbe[] Load(string pattern) => [.. Directory.GetFiles(palms[p], pattern).Order(StringComparer.Ordinal).Select(f => PalmExtractor.ExtractProbe(ImageCodec.ReadGray(f)))];
            SessionOne[p] = Load("s1_*");
            SessionTwo[p] = Load("s2_*");
        });
    }

    public PalmProbe[][] SessionOne { get; }

    public PalmProbe[][] SessionTwo { get; }

    /// <summary>The extracted palms; skips the calling test where the dataset is absent.</summary>
    public static TongjiSet Require()
    {
        TestData.RequireDataset("tongji-roi");
        return Instance.Value;
    }

    public static Guid Id(int palm) => new(palm + 1, 1, 1, new byte[8]);
}
