namespace PalmKey.Server.Apis.Models;

/// <summary>Frames of one hover, the purpose, and optionally the site (default: the device's).</summary>
internal sealed record IdentifyRequest(IReadOnlyList<byte[]>? Frames, string? Purpose, string? SiteId);
