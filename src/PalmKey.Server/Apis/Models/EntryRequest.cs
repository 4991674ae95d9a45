namespace PalmKey.Server.Apis.Models;

/// <summary>Frames of one hover at an entry device; eventId for venue entry, door for an office door.</summary>
internal sealed record EntryRequest(IReadOnlyList<byte[]>? Frames, string? EventId, string? Door, string? SiteId);
