namespace PalmKey.Server.Apis.Models;

/// <summary>The loyalty number to show at the till, and nothing else.</summary>
internal sealed record LoyaltyResponse(string Outcome, string Detail, string? LoyaltyNumber);
