namespace PalmKey.Server.Apis.Models;

/// <summary>A device and its one-time activation code, shown once; the device presents it with its public key to <c>POST /v1/devices/activate</c>.</summary>
internal sealed record DeviceRegisteredResponse(DeviceResponse Device, string ActivationCode, DateTimeOffset ActivationCodeExpiresAt);
