namespace PalmKey.Server.Apis.Models;

/// <summary>A receipt: what was bought where, what the credit paid and what the card was charged.</summary>
internal sealed record ReceiptView(string PaymentId, DateTimeOffset At, string SiteId, string OrderReference, long AmountMinor, long CreditMinor, long ChargedMinor, string Currency, string Status, string? CardBrand, string? CardLast4);
