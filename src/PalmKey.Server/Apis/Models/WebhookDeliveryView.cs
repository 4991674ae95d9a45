namespace PalmKey.Server.Apis.Models;

/// <summary>One webhook delivery and its last attempt.</summary>
internal sealed record WebhookDeliveryView(string DeliveryId, string EventType, string Status, int Attempts, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt, DateTimeOffset? NextAttemptAt, int? LastStatusCode, string? LastError);
