namespace PalmKey.Storage.Audit;

/// <summary>What to write to the audit log: no personal data, only references.</summary>
/// <param name="At">When.</param>
/// <param name="TenantId">The tenant concerned, or null for platform actions.</param>
/// <param name="Actor">Who: <c>admin:PREFIX</c>, <c>device:ID</c>, <c>customer:ID</c>, <c>operator</c> or <c>system</c>.</param>
/// <param name="Action">What, such as <c>customer.deleted</c>.</param>
/// <param name="Subject">A pseudonymous reference to the object, if any.</param>
/// <param name="Detail">Non-personal detail, such as a deletion's cause.</param>
public sealed record AuditRecord(DateTimeOffset At, string? TenantId, string Actor, string Action, string? Subject = null, string? Detail = null);
