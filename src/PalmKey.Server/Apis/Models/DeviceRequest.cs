namespace PalmKey.Server.Apis.Models;

/// <summary>Registers a device at a site.</summary>
internal sealed record DeviceRequest(string? Name, string? SiteId);
