namespace PalmKey.Server.Apis.Models;

/// <summary>A tenant as the operator sees it: no customer data.</summary>
internal sealed record TenantSummary(string TenantId, string Name, DateTimeOffset CreatedAt);
