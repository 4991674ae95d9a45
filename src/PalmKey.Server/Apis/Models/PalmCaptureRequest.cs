namespace PalmKey.Server.Apis.Models;

/// <summary>Captures of one palm: base64 images of the palm region.</summary>
internal sealed record PalmCaptureRequest(string? Hand, IReadOnlyList<byte[]>? Frames);
