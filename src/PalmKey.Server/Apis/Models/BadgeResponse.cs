namespace PalmKey.Server.Apis.Models;

/// <summary>An office door's answer: allow or deny, and why, with nothing else about the person.</summary>
internal sealed record BadgeResponse(string Outcome, string Detail);
