using System.Globalization;

namespace PalmKey.Cli.Bench;

/// <summary>Latency samples in milliseconds and their nearest-rank percentiles.</summary>
internal sealed class Latencies
{
    private readonly List<double> _samples = [];

    public int Count => _samples.Count;

    public void Add(TimeSpan elapsed) => _samples.Add(elapsed.TotalMilliseconds);

    public double Percentile(double p)
    {
        if (_samples.Count == 0)
        {
            return double.NaN;
        }

        var sorted = _samples.Order().ToList();
        var rank = (int)Math.Ceiling(p / 100 * sorted.Count);
        return sorted[Math.Clamp(rank - 1, 0, sorted.Count - 1)];
    }

    public double Mean => _samples.Count == 0 ? double.NaN : _samples.Average();

    public double Max => _samples.Count == 0 ? double.NaN : _samples.Max();

    public static string Ms(double value) => value.ToString("F1", CultureInfo.InvariantCulture);
}
