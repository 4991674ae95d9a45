namespace PalmKey.Server.Apis.Models;

/// <summary>A self-service session.</summary>
internal sealed record SessionResponse(string Token, DateTimeOffset ExpiresAt, string CustomerId);
