using System.Collections.Concurrent;

namespace PalmKey.Tests;

/// <summary>
/// A temporary dataset folder in the evaluate command's layout, deleted on dispose: palms palm1..palmN,
/// each with synthetic PNG captures named as given (such as s1_1.png), beside an empty palm folder
/// (palm0), a palm folder holding only a text file (zz-notes) and a text file among the images of palm1;
/// all three must be ignored. Captures of one palm differ in pixel noise and by a pixel of movement;
/// different palms are unrelated, so the palms are cleanly separable.
/// </summary>
internal sealed class TestDataset : IDisposable
{
    public static readonly string[] DefaultCaptures = ["s1_1", "s1_2", "s2_1", "s2_2"];

    // Drawing a palm is the slow part of these tests; each capture is drawn once per test run, even
    // when tests running in parallel ask for it at the same time.
    private static readonly ConcurrentDictionary<(int Palm, string Capture), Lazy<byte[]>> Pngs = new();

    public TestDataset(int palms = 4, IReadOnlyList<string>? captures = null)
    {
        Root = Path.Combine(Path.GetTempPath(), $"palmkey-dataset-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Path.Combine(Root, "palm0"));
        Directory.CreateDirectory(Path.Combine(Root, "zz-notes"));
        File.WriteAllText(Path.Combine(Root, "zz-notes", "readme.txt"), "not a palm");
        for (var palm = 1; palm <= palms; palm++)
        {
            foreach (var capture in captures ?? DefaultCaptures)
            {
                Write(palm, capture + ".png", Png(palm, capture));
            }
        }

        Directory.CreateDirectory(Path.Combine(Root, "palm1"));
        File.WriteAllText(Path.Combine(Root, "palm1", "notes.txt"), "not an image");
    }

    public string Root { get; }

    public string Name => Path.GetFileName(Root);

    /// <summary>The PNG of one capture of one palm.</summary>
    public static byte[] Png(int palm, string capture) => Pngs.GetOrAdd((palm, capture), key => new(() => Draw(key.Palm, key.Capture))).Value;

    public string PathOf(int palm, string fileName) => Path.Combine(Root, $"palm{palm}", fileName);

    public void Write(int palm, string fileName, byte[] content)
    {
        Directory.CreateDirectory(Path.Combine(Root, $"palm{palm}"));
        File.WriteAllBytes(PathOf(palm, fileName), content);
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);

    private static byte[] Draw(int palm, string capture)
    {
        var variant = Array.IndexOf(DefaultCaptures, capture) is var index and >= 0 ? index : capture.Length;
        var image = new SyntheticPalm(1000 + palm).Draw(SyntheticPalm.Side, SyntheticPalm.Side, dx: variant % 2, dy: variant / 2 % 2, noiseSeed: (palm * 100) + variant);
        return ImageCodec.EncodePng(image);
    }
}
