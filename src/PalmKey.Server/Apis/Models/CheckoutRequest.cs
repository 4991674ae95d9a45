namespace PalmKey.Server.Apis.Models;

/// <summary>A checkout at a point of sale: the hover's frames, the amount in minor units, the currency and the merchant's order reference.</summary>
internal sealed record CheckoutRequest(IReadOnlyList<byte[]>? Frames, long? AmountMinor, string? Currency, string? OrderReference, string? SiteId);
