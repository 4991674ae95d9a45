namespace PalmKey.Cli.Commands;

/// <summary>The figures <c>palmkey bench-search</c> writes to its JSON file.</summary>
internal sealed record BenchSearchResult(int Gallery, int Threads, double MedianMilliseconds, double P99Milliseconds, double BytesPerPalm, double TopOneAgreement, double BuildSeconds);
