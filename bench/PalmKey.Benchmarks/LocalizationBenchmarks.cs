using BenchmarkDotNet.Attributes;

namespace PalmKey.Benchmarks;

/// <summary>
/// A whole 1024x768 camera frame to a template: hand localization, ROI cut and template extraction, in
/// color and in gray. The frame is the first image of coep-hand (a 1024x768 JPEG, decoded once in
/// setup) from ../shared/datasets beside the repository; the suite stops with a message where it is absent.
/// </summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
[MedianColumn]
public class LocalizationBenchmarks
{
    private RgbImage _color = null!;
    private GrayImage _gray = null!;

    [GlobalSetup]
    public void Setup()
    {
        var folder = FindDataset("coep-hand");
        var file = Directory.GetFiles(Directory.GetDirectories(folder).Order(StringComparer.Ordinal).First()).Order(StringComparer.Ordinal).First();
        _color = ImageCodec.ReadRgb(file);
        _gray = ImageCodec.ReadGray(file);
        if (_color.Width != 1024 || _color.Height != 768 || !PalmLocalizer.Locate(_color).IsOk)
        {
            throw new InvalidOperationException($"{file} is not a 1024x768 frame that localizes.");
        }
    }

    [Benchmark(Baseline = true)]
    public PalmTemplate ColorFrameToTemplate1024x768() => PalmExtractor.Extract(PalmLocalizer.Locate(_color).Roi!);

    [Benchmark]
    public PalmTemplate GrayFrameToTemplate1024x768() => PalmExtractor.Extract(PalmLocalizer.Locate(_gray).Roi!);

    [Benchmark]
    public LocalizationResult LocateColor1024x768() => PalmLocalizer.Locate(_color);

    private static string FindDataset(string name)
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "PalmKey.slnx")))
            {
                var path = Path.GetFullPath(Path.Combine(folder.FullName, "..", "shared", "datasets", name));
                return Directory.Exists(path)
                    ? path
                    : throw new DirectoryNotFoundException($"Dataset folder not found: {path}. The localization benchmark needs a real 1024x768 hand frame; the datasets are not part of the repository.");
            }
        }

        throw new DirectoryNotFoundException("No PalmKey.slnx found above the benchmark binaries, so ../shared/datasets cannot be located.");
    }
}
