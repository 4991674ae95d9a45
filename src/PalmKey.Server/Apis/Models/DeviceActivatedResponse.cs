namespace PalmKey.Server.Apis.Models;

/// <summary>An activated device: the id it signs as, its tenant and site.</summary>
internal sealed record DeviceActivatedResponse(string DeviceId, string TenantId, string SiteId);
