namespace PalmKey.Server.Apis.Models;

/// <summary>A new tenant and its first admin key, shown once.</summary>
internal sealed record TenantCreatedResponse(string TenantId, string Name, string AdminKey, string AdminKeyPrefix);
