namespace PalmKey.Server.Apis.Models;

/// <summary>Links an account to a customer.</summary>
internal sealed record LinkAccountRequest(string? Kind, string? Reference);
