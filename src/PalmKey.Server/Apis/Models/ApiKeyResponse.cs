namespace PalmKey.Server.Apis.Models;

/// <summary>An API key, without its secret.</summary>
internal sealed record ApiKeyResponse(string KeyId, string Prefix, string Name, string Kind, string? DeviceId, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
