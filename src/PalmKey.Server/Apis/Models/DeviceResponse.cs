namespace PalmKey.Server.Apis.Models;

/// <summary>A device: where it stands, whether it has activated its key, and when it was last seen.</summary>
internal sealed record DeviceResponse(string DeviceId, string SiteId, string Name, DateTimeOffset CreatedAt, DateTimeOffset? DeactivatedAt, DateTimeOffset? ActivatedAt, DateTimeOffset? LastSeenAt);
