using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Devices;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server.Apis;

/// <summary>
/// A device's own endpoints: activation with a one-time code and its public key (unauthenticated,
/// rate-limited per address), and the tenant's ingestion key for sealing frames (signed).
/// </summary>
internal static class DeviceActivationApi
{
    public const string ActivationRateLimitPolicy = "device-activation";

    public static RouteGroupBuilder MapDeviceActivationApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/devices").WithTags("Devices");
        api.MapPost("/activate", ActivateAsync).AllowAnonymous().RequireRateLimiting(ActivationRateLimitPolicy);
        api.MapGet("/ingestion-key", IngestionKeyAsync).RequireAuthorization(Policies.Device);
        return api;
    }

    public static RateLimitPartition<string> ActivationPartition(HttpContext http) =>
        RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? string.Empty,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = http.RequestServices.GetRequiredService<IOptions<PalmKeyOptions>>().Value.Identification.ActivationsPerMinute, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 });

    private static async Task<Results<Ok<DeviceActivatedResponse>, ProblemHttpResult>> ActivateAsync(
        ActivateDeviceRequest request, PalmKeyDbFactory databases, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var prefix = request.Code is null ? null : SecretToken.PrefixOf(request.Code.Trim(), SecretToken.ActivationKind);
        if (prefix is null)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.ActivationCodeInvalid, "Activation code not valid", "code must be the device's one-time activation code (pkc_...) from the tenant's admin.");
        }

        if (request.PublicKey is not { Length: > 0 } publicKey || !DeviceProtocol.IsP256PublicKey(publicKey))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.InvalidPublicKey, "Public key not valid", "publicKey must be the device's ECDSA P-256 public key: SubjectPublicKeyInfo (DER), base64.");
        }

        // The code names the tenant; nothing else does before the device has a key.
        await using var db = databases.CreateSystem();
        var device = await db.Devices.FirstOrDefaultAsync(d => d.ActivationCodePrefix == prefix, cancellationToken).ConfigureAwait(false);
        if (device?.ActivationCodeHash is null || !SecretToken.Matches(request.Code!.Trim(), device.ActivationCodeHash) || device.DeactivatedAt is not null
            || !await db.Tenants.AnyAsync(t => t.Id == device.TenantId && t.DeletionStartedAt == null, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.ActivationCodeInvalid, "Activation code not valid", "This activation code is unknown or was already used. Ask the tenant's admin for a new one.");
        }

        var now = clock.GetUtcNow();
        if (device.ActivationCodeExpiresAt <= now)
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.ActivationCodeExpired, "Activation code expired", "This activation code has expired. Ask the tenant's admin for a new one.");
        }

        device.PublicKey = publicKey;
        device.ActivatedAt = now;
        device.LastSeenAt = now;
        device.ActivationCodePrefix = null;
        device.ActivationCodeHash = null;
        device.ActivationCodeExpiresAt = null;
        await audit.CommitAsync(db, new AuditRecord(now, device.TenantId, $"device:{device.Id}", "device.activated", device.Id), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DeviceActivatedResponse(device.Id, device.TenantId, device.SiteId));
    }

    private static async Task<Ok<IngestionKeyResponse>> IngestionKeyAsync(HttpContext http, PalmKeyDbContext db, IngestionKeyStore keys, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var (keyId, publicKey) = await keys.GetPublicAsync(db, caller.Tenant, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new IngestionKeyResponse(keyId, caller.Tenant, publicKey));
    }
}
