namespace PalmKey.Server.Apis.Models;

/// <summary>Venue entry: admitted or not, and the ticketing partner's ticket (never the card or the number).</summary>
internal sealed record VenueEntryResponse(string Outcome, string Detail, System.Text.Json.JsonElement? Ticket);
