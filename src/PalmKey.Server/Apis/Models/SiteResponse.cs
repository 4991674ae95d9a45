namespace PalmKey.Server.Apis.Models;

/// <summary>A site.</summary>
internal sealed record SiteResponse(string SiteId, string Name, DateTimeOffset CreatedAt);
