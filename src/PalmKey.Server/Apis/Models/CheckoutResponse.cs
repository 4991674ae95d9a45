namespace PalmKey.Server.Apis.Models;

/// <summary>How a checkout ended (approved, declined, not-recognized, ambiguous, no-card, payment-unavailable), in words, and the receipt where one was made.</summary>
internal sealed record CheckoutResponse(string Outcome, string Detail, ReceiptView? Receipt);
