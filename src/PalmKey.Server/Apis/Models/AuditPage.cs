namespace PalmKey.Server.Apis.Models;

/// <summary>A page of audit entries; pass Next as 'after' for the next page.</summary>
internal sealed record AuditPage(IReadOnlyList<AuditEntryResponse> Entries, long? Next);
