namespace PalmKey.Server.Apis.Models;

/// <summary>An audit entry; the hash links it to the one before.</summary>
internal sealed record AuditEntryResponse(long Sequence, DateTimeOffset At, string Actor, string Action, string? Subject, string? Detail, string Hash);
