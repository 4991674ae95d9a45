namespace PalmKey.Server.Apis.Models;

/// <summary>Signs in with the code.</summary>
internal sealed record SessionRequest(string? Tenant, string? Phone, string? Code);
