namespace PalmKey.Storage.Entities;

/// <summary>A business that uses PalmKey: its settings and the state of its deletion.</summary>
public sealed class Tenant
{
    /// <summary>The tenant id, <c>ten_</c> and 26 base32 characters.</summary>
    public required string Id { get; set; }

    /// <summary>Display name of the business.</summary>
    public required string Name { get; set; }

    /// <summary>When the tenant was created.</summary>
    public DateTimeOffset CreatedAt { get; set; }

    /// <summary>Accepted identification purposes, comma-separated, from <see cref="Purposes"/>.</summary>
    public required string AcceptedPurposes { get; set; }

    /// <summary>An account with no identification for this many days is deleted as dormant.</summary>
    public int DormancyDays { get; set; }

    /// <summary>An account with no interaction for this many days is deleted, whatever else holds it.</summary>
    public int MaxRetentionDays { get; set; }

    /// <summary>Target false-positive identification rate of the open-set search, per identification.</summary>
    public double TargetFpir { get; set; }

    /// <summary>
    /// Set when deletion started: the data keys are already destroyed and the remaining rows are
    /// unreadable and only wait to be removed.
    /// </summary>
    public DateTimeOffset? DeletionStartedAt { get; set; }

    /// <summary>The currency of the tenant's prices and credit, ISO 4217.</summary>
    public required string Currency { get; set; }

    /// <summary>Credit given to each new enrollment, applied once to the first purchase, in minor units.</summary>
    public long EnrollmentCreditMinor { get; set; }

    /// <summary>Where payment, entry and deletion events are posted, or null for none.</summary>
    public string? WebhookUrl { get; set; }

    /// <summary>The HMAC key that signs webhooks and ticketing checks, encrypted under the tenant's data key.</summary>
    public byte[]? WebhookSecretCipher { get; set; }

    /// <summary>The ticketing partner's endpoint that confirms tickets at venue entry, or null for none.</summary>
    public string? TicketingUrl { get; set; }
}
