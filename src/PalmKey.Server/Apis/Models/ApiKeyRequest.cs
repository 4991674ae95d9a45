namespace PalmKey.Server.Apis.Models;

/// <summary>Creates an admin key.</summary>
internal sealed record ApiKeyRequest(string? Name);
