namespace PalmKey.Server.Apis.Models;

/// <summary>A new admin key; the secret is shown once.</summary>
internal sealed record ApiKeyCreatedResponse(ApiKeyResponse Key, string Secret);
