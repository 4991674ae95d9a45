using System.Text.Json;
using PalmKey.Storage;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Webhooks;

/// <summary>
/// Queues an event for the tenant's backend in the same unit of work as the change it reports, so an
/// event is sent if and only if the change was saved. The delivery job sends it.
/// </summary>
internal static class WebhookPublisher
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>Adds the delivery to <paramref name="db"/>; the caller saves. Nothing is queued where the tenant has no webhook URL.</summary>
    public static void Enqueue(PalmKeyDbContext db, Tenant tenant, string eventType, object data, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(tenant);
        if (tenant.WebhookUrl is null)
        {
            return;
        }

        var id = EntityIds.New("whd");
        var body = JsonSerializer.Serialize(new { id, type = eventType, createdAt = now, tenantId = tenant.Id, data }, Json);
        db.WebhookDeliveries.Add(new WebhookDelivery
        {
            Id = id,
            TenantId = tenant.Id,
            EventType = eventType,
            Body = body,
            Url = tenant.WebhookUrl,
            Status = WebhookEvents.Pending,
            NextAttemptAt = now,
            CreatedAt = now,
        });
    }
}
