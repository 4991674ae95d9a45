using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.Webhooks;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server.Apis;

/// <summary>The tenant admin's payments (list, refund), integrations (webhook and ticketing endpoints) and webhook delivery log.</summary>
internal static class PaymentsApi
{
    public static void MapPaymentsApi(this RouteGroupBuilder admin)
    {
        var payments = admin.MapGroup("/payments").WithTags("Payments");
        payments.MapGet("/", ListAsync);
        payments.MapPost("/{paymentId}/refund", RefundAsync).WithIdempotency();
        var integrations = admin.MapGroup("/integrations").WithTags("Webhooks");
        integrations.MapGet("/", GetIntegrationsAsync);
        integrations.MapPut("/", PutIntegrationsAsync);
        admin.MapGet("/webhooks/deliveries", DeliveriesAsync).WithTags("Webhooks");
    }

    private static async Task<Ok<List<PaymentView>>> ListAsync(string? customerId, int? limit, PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        var payments = await db.Payments.AsNoTracking()
            .Where(p => customerId == null || p.CustomerId == customerId)
            .OrderByDescending(p => p.CreatedAt)
            .Take(Validation.PageSize(limit))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(payments.Select(PaymentService.View).ToList());
    }

    private static Task<Results<Ok<PaymentView>, ProblemHttpResult>> RefundAsync(string paymentId, HttpContext http, PaymentService payments, CancellationToken cancellationToken) =>
        payments.RefundAsync(http.Caller(), paymentId, cancellationToken);

    private static async Task<Ok<IntegrationsResponse>> GetIntegrationsAsync(PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new IntegrationsResponse(tenant.WebhookUrl, tenant.TicketingUrl, tenant.WebhookSecretCipher is not null, null));
    }

    private static async Task<Results<Ok<IntegrationsResponse>, ProblemHttpResult>> PutIntegrationsAsync(
        IntegrationsRequest request, HttpContext http, PalmKeyDbContext db, TenantKeyring keyring, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!TryUrl(request.WebhookUrl, out var webhookUrl) || !TryUrl(request.TicketingUrl, out var ticketingUrl))
        {
            return Problems.Invalid("webhookUrl and ticketingUrl must be absolute http or https URLs (or empty to remove them).");
        }

        var tenant = await db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
        tenant.WebhookUrl = webhookUrl;
        tenant.TicketingUrl = ticketingUrl;
        string? secret = null;
        if (tenant.WebhookSecretCipher is null || request.RotateSecret)
        {
            secret = "whsec_" + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
            var keys = await keyring.GetAsync(db, tenant.Id, cancellationToken).ConfigureAwait(false);
            tenant.WebhookSecretCipher = keys.EncryptText(secret, tenant.Id, FieldContext.WebhookSecret);
        }

        var caller = http.Caller();
        await audit.CommitAsync(db, new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "integrations.changed", caller.Tenant, secret is null ? null : "secret=new"), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new IntegrationsResponse(tenant.WebhookUrl, tenant.TicketingUrl, true, secret));
    }

    private static async Task<Ok<List<WebhookDeliveryView>>> DeliveriesAsync(int? limit, PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        var deliveries = await db.WebhookDeliveries.AsNoTracking()
            .OrderByDescending(d => d.CreatedAt)
            .Take(Validation.PageSize(limit))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(deliveries
            .Select(d => new WebhookDeliveryView(d.Id, d.EventType, d.Status, d.Attempts, d.CreatedAt, d.DeliveredAt, d.Status == WebhookEvents.Pending ? d.NextAttemptAt : null, d.LastStatusCode, d.LastError))
            .ToList());
    }

    private static bool TryUrl(string? value, out string? url)
    {
        url = null;
        if (string.IsNullOrWhiteSpace(value))
        {
            return true;
        }

        if (value.Length > 400 || !Uri.TryCreate(value.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            return false;
        }

        url = uri.ToString();
        return true;
    }
}
