using PalmKey.Server.Identification;

namespace PalmKey.Server.Apis.Models;

/// <summary>The console's time series, oldest day first, and the identification latency measured in memory since the server started.</summary>
internal sealed record StatsResponse(IReadOnlyList<DayStats> Days, LatencySummary Latency);
