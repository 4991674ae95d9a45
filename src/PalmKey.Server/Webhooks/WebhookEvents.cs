namespace PalmKey.Server.Webhooks;

/// <summary>The event types sent to a tenant's backend (docs/payments.md lists their bodies).</summary>
internal static class WebhookEvents
{
    public const string PaymentCaptured = "payment.captured";
    public const string PaymentAuthorized = "payment.authorized";
    public const string PaymentDeclined = "payment.declined";
    public const string PaymentRefunded = "payment.refunded";
    public const string EntryCheckIn = "entry.checkin";
    public const string EntryVenue = "entry.venue";
    public const string EntryBadge = "entry.badge";
    public const string CustomerDeleted = "customer.deleted";

    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
