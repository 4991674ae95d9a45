namespace PalmKey.Server.Apis.Models;

/// <summary>Whether the ticketing account was linked.</summary>
internal sealed record TicketLinkResponse(string Outcome, string Detail);
