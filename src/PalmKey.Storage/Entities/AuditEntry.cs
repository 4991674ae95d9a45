namespace PalmKey.Storage.Entities;

/// <summary>
/// One entry of the append-only audit log. Entries form a hash chain: each hash covers the previous
/// hash and this entry's canonical bytes (<see cref="Audit.AuditChain"/>), so a changed, removed or
/// inserted entry breaks every later link. Entries hold references, never personal data.
/// </summary>
public sealed class AuditEntry
{
    /// <summary>Position in the chain, from 1, without gaps.</summary>
    public long Sequence { get; set; }

    /// <summary>When.</summary>
    public DateTimeOffset At { get; set; }

    /// <summary>The tenant concerned, or null for platform actions.</summary>
    public string? TenantId { get; set; }

    /// <summary>Who: <c>admin:PREFIX</c>, <c>device:ID</c>, <c>customer:ID</c>, <c>operator</c> or <c>system</c>.</summary>
    public required string Actor { get; set; }

    /// <summary>What, such as <c>customer.deleted</c>.</summary>
    public required string Action { get; set; }

    /// <summary>A pseudonymous reference to what it was done to, if any.</summary>
    public string? Subject { get; set; }

    /// <summary>Non-personal detail, such as the cause of a deletion.</summary>
    public string? Detail { get; set; }

    /// <summary>SHA-256 of the previous hash and this entry's canonical bytes.</summary>
    public required byte[] Hash { get; set; }
}
