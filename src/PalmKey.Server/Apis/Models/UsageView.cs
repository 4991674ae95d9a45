namespace PalmKey.Server.Apis.Models;

/// <summary>One use of the palm.</summary>
internal sealed record UsageView(DateTimeOffset At, string SiteId, string? SiteName, string Purpose, string Result);
