namespace PalmKey.Server.Apis.Models;

/// <summary>A linked account.</summary>
internal sealed record LinkedAccountResponse(string AccountId, string Kind, string Reference, DateTimeOffset LinkedAt);
