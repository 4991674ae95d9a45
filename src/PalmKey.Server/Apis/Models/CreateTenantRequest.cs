namespace PalmKey.Server.Apis.Models;

/// <summary>Creates a tenant.</summary>
internal sealed record CreateTenantRequest(string? Name);
