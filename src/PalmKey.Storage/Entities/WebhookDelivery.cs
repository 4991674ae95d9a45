namespace PalmKey.Storage.Entities;

/// <summary>
/// One event for the tenant's backend and its delivery: the signed body, the attempts so far and the
/// last answer. The body holds pseudonymous ids and amounts, never numbers, cards or templates.
/// </summary>
public sealed class WebhookDelivery : ITenantOwned
{
    /// <summary>The delivery id, <c>whd_</c> and 26 base32 characters; sent as the event id.</summary>
    public required string Id { get; set; }

    /// <inheritdoc/>
    public required string TenantId { get; set; }

    /// <summary>The event type, such as <c>payment.captured</c>.</summary>
    public required string EventType { get; set; }

    /// <summary>The JSON body, exactly as signed and sent.</summary>
    public required string Body { get; set; }

    /// <summary>Where it goes.</summary>
    public required string Url { get; set; }

    /// <summary>Pending, delivered or failed (given up after the last retry).</summary>
    public required string Status { get; set; }

    /// <summary>Attempts made.</summary>
    public int Attempts { get; set; }

    /// <summary>When the next attempt is due, while pending.</summary>
    public DateTimeOffset NextAttemptAt { get; set; }

    /// <summary>The HTTP status of the last attempt, or null where none came back.</summary>
    public int? LastStatusCode { get; set; }

    /// <summary>What went wrong on the last attempt.</summary>
    public string? LastError { get; set; }

    /// <summary>When the event happened.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>When the backend accepted it.</summary>
    public DateTimeOffset? DeliveredAt { get; set; }
}
