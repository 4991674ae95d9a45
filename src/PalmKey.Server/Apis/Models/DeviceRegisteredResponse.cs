namespace PalmKey.Server.Apis.Models;

/// <summary>A new device and its key, shown once.</summary>
internal sealed record DeviceRegisteredResponse(DeviceResponse Device, string DeviceKey);
