namespace PalmKey.Server.Identification;

/// <summary>
/// The time identifications took, per tenant, since the server started: the last
/// <see cref="Capacity"/> durations in memory, for the console. Nothing is persisted, so a restart
/// or another server instance starts empty. Thread-safe; recording is O(1), a summary sorts a copy.
/// </summary>
internal sealed class IdentificationLatency
{
    public const int Capacity = 1024;

    private readonly Dictionary<string, Ring> _tenants = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public void Record(string tenantId, TimeSpan elapsed)
    {
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenantId, out var ring))
            {
                ring = new Ring();
                _tenants[tenantId] = ring;
            }

            ring.Values[ring.Next] = elapsed.TotalMilliseconds;
            ring.Next = (ring.Next + 1) % Capacity;
            ring.Count = Math.Min(ring.Count + 1, Capacity);
        }
    }

    /// <summary>Count, median, 95th percentile and maximum in milliseconds; zeros where there is none.</summary>
    public LatencySummary Summarize(string tenantId)
    {
        double[] values;
        lock (_lock)
        {
            if (!_tenants.TryGetValue(tenantId, out var ring) || ring.Count == 0)
            {
                return new LatencySummary(0, 0, 0, 0);
            }

            values = ring.Values[..ring.Count];
        }

        Array.Sort(values);
        return new LatencySummary(values.Length, Percentile(values, 0.5), Percentile(values, 0.95), Math.Round(values[^1], 1));
    }

    private static double Percentile(double[] sorted, double p) =>
        Math.Round(sorted[Math.Clamp((int)Math.Ceiling(p * sorted.Length) - 1, 0, sorted.Length - 1)], 1);

    private sealed class Ring
    {
        public double[] Values { get; } = new double[Capacity];

        public int Next { get; set; }

        public int Count { get; set; }
    }
}
