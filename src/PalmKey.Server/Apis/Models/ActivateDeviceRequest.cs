namespace PalmKey.Server.Apis.Models;

/// <summary>A device's activation: the one-time code from the admin and the device's ECDSA P-256 public key (SubjectPublicKeyInfo, DER, base64).</summary>
internal sealed record ActivateDeviceRequest(string? Code, byte[]? PublicKey);
