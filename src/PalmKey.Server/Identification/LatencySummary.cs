namespace PalmKey.Server.Identification;

/// <summary>Identification latency in milliseconds over the recorded window (nearest-rank percentiles).</summary>
internal sealed record LatencySummary(int Count, double MedianMs, double P95Ms, double MaxMs);
