namespace PalmKey.Server.Apis.Models;

/// <summary>A stored card as shown: brand, last four digits and expiry; the id is null for a card held by an enrollment in progress.</summary>
internal sealed record CardView(string? CardId, string Brand, string Last4, int ExpiryMonth, int ExpiryYear);
