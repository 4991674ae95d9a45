using PalmKey.Server.Identification;

namespace PalmKey.Server.Apis.Models;

/// <summary>
/// The console's time series, oldest day first, the identification latency measured in memory since
/// the server started, and the two charts of the series rendered as SVG on the server.
/// </summary>
internal sealed record StatsResponse(IReadOnlyList<DayStats> Days, LatencySummary Latency, string EnrollmentsChart, string IdentificationsChart);
