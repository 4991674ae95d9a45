using BenchmarkDotNet.Attributes;

namespace PalmKey.Benchmarks;

/// <summary>
/// One 1:1 comparison including the translation search (49 shifts): template against template, and
/// a prepared probe (12 codes: 49 shifts for its own code, then 9 around the best for each other code)
/// against a template, as identification does.
/// </summary>
[Config(typeof(BenchmarkConfig))]
public class MatchBenchmarks
{
    private readonly PalmMatcher _templateMatcher;
    private readonly PalmMatcher _probeMatcher;
    private readonly PalmTemplate _candidate;

    public MatchBenchmarks()
    {
        var probe = PalmExtractor.ExtractProbe(SyntheticPalm.Create(128, 128, seed: 1));
        _templateMatcher = new PalmMatcher(probe.Template);
        _probeMatcher = new PalmMatcher(probe);
        _candidate = PalmExtractor.Extract(SyntheticPalm.Create(128, 128, seed: 2));
    }

    [Benchmark(Baseline = true)]
    public double TemplateToTemplate() => _templateMatcher.Match(_candidate);

    [Benchmark]
    public double ProbeToTemplate() => _probeMatcher.Match(_candidate);
}
