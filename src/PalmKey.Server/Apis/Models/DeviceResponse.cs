namespace PalmKey.Server.Apis.Models;

/// <summary>A device.</summary>
internal sealed record DeviceResponse(string DeviceId, string SiteId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt);
