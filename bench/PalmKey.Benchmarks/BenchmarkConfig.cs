using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;

namespace PalmKey.Benchmarks;

/// <summary>Every suite runs on one core (affinity to CPU 0), as docs/benchmarks.md reports.</summary>
public sealed class BenchmarkConfig : ManualConfig
{
    public BenchmarkConfig()
    {
        AddJob(Job.Default.WithAffinity(1).WithId("1 core"));
    }
}
