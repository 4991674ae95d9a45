namespace PalmKey.Server.Apis.Models;

/// <summary>A card as typed in: number, expiry and security code. Never stored or logged.</summary>
internal sealed record CardRequest(string? Number, int? ExpiryMonth, int? ExpiryYear, string? Cvc);
