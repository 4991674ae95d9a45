using BenchmarkDotNet.Attributes;

namespace PalmKey.Benchmarks;

/// <summary>Template extraction from a 128x128 palm ROI, and probe preparation (3 rotations x 4 grid offsets).</summary>
[Config(typeof(BenchmarkConfig))]
[MemoryDiagnoser]
public class ExtractionBenchmarks
{
    private readonly GrayImage _roi = SyntheticPalm.Create(128, 128, seed: 1);

    [Benchmark(Baseline = true)]
    public PalmTemplate ExtractTemplate128() => PalmExtractor.Extract(_roi);

    [Benchmark]
    public PalmProbe ExtractProbe128() => PalmExtractor.ExtractProbe(_roi);
}
