using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Tenancy;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Apis;

/// <summary>
/// A tenant's devices. Registering a device shows its one-time activation code once; the device then
/// activates with its own key pair (<see cref="DeviceActivationApi"/>). Deactivating a device refuses
/// its next request. Registration and new codes are not idempotent on purpose: a stored response would
/// keep the code.
/// </summary>
internal static class DevicesApi
{
    public static RouteGroupBuilder MapDevicesApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/devices").WithTags("Devices");
        api.MapGet("/", ListAsync);
        api.MapPost("/", RegisterAsync);
        api.MapGet("/{deviceId}", GetAsync);
        api.MapPost("/{deviceId}/activation-code", ReissueAsync);
        api.MapPost("/{deviceId}/deactivate", DeactivateAsync).WithIdempotency();
        return api;
    }

    private static async Task<Ok<List<DeviceResponse>>> ListAsync(PalmKeyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.Devices.AsNoTracking().OrderBy(d => d.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(Describe).ToList());

    private static async Task<Results<Created<DeviceRegisteredResponse>, ProblemHttpResult>> RegisterAsync(
        DeviceRequest request, HttpContext http, PalmKeyDbContext db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        if (Validation.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid(error);
        }

        if (string.IsNullOrEmpty(request.SiteId) || !await db.Sites.AnyAsync(s => s.Id == request.SiteId, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.UnknownSite, "Unknown site", "siteId must name a site of this tenant.");
        }

        var caller = http.Caller();
        var (device, code) = await provisioning.AddDeviceAsync(db, caller.Tenant, request.SiteId, request.Name!.Trim(), caller.Actor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/admin/devices/{device.Id}", new DeviceRegisteredResponse(Describe(device), code.Code, code.ExpiresAt));
    }

    private static async Task<Results<Ok<DeviceRegisteredResponse>, ProblemHttpResult>> ReissueAsync(
        string deviceId, HttpContext http, PalmKeyDbContext db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return Problems.Missing($"Device {deviceId}");
        }

        if (device.DeactivatedAt is not null)
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.DeviceDeactivatedConflict, "Device deactivated", "A deactivated device cannot be activated again; register a new device.");
        }

        var code = await provisioning.ReissueActivationCodeAsync(db, device, http.Caller().Actor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new DeviceRegisteredResponse(Describe(device), code.Code, code.ExpiresAt));
    }

    private static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> GetAsync(string deviceId, PalmKeyDbContext db, CancellationToken cancellationToken) =>
        await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken).ConfigureAwait(false) is { } device
            ? TypedResults.Ok(Describe(device))
            : Problems.Missing($"Device {deviceId}");

    private static async Task<Results<Ok<DeviceResponse>, ProblemHttpResult>> DeactivateAsync(
        string deviceId, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var device = await db.Devices.FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null)
        {
            return Problems.Missing($"Device {deviceId}");
        }

        if (device.DeactivatedAt is null)
        {
            var now = clock.GetUtcNow();
            device.DeactivatedAt = now;
            device.ActivationCodePrefix = null;
            device.ActivationCodeHash = null;
            device.ActivationCodeExpiresAt = null;

            var caller = http.Caller();
            await audit.CommitAsync(db, new AuditRecord(now, caller.Tenant, caller.Actor, "device.deactivated", device.Id), null, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.Ok(Describe(device));
    }

    private static DeviceResponse Describe(Device device) => new(device.Id, device.SiteId, device.Name, device.CreatedAt, device.DeactivatedAt, device.ActivatedAt, device.LastSeenAt);
}
