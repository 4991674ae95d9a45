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

/// <summary>A tenant's API keys: listed by prefix, created with the secret shown once, revoked at once.</summary>
internal static class ApiKeysApi
{
    public static RouteGroupBuilder MapApiKeysApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/api-keys").WithTags("API keys");
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync);
        api.MapDelete("/{keyId}", RevokeAsync);
        return api;
    }

    private static async Task<Ok<List<ApiKeyResponse>>> ListAsync(PalmKeyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok((await db.ApiKeys.AsNoTracking().OrderBy(k => k.CreatedAt).ToListAsync(cancellationToken).ConfigureAwait(false)).Select(Describe).ToList());

    private static async Task<Results<Created<ApiKeyCreatedResponse>, ProblemHttpResult>> CreateAsync(
        ApiKeyRequest request, HttpContext http, PalmKeyDbContext db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        if (Validation.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid(error);
        }

        var caller = http.Caller();
        var issued = await provisioning.AddAdminKeyAsync(db, caller.Tenant, request.Name!.Trim(), caller.Actor, cancellationToken).ConfigureAwait(false);
        var row = await db.ApiKeys.AsNoTracking().SingleAsync(k => k.Id == issued.Id, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/admin/api-keys/{issued.Id}", new ApiKeyCreatedResponse(Describe(row), issued.Key));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string keyId, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var key = await db.ApiKeys.FirstOrDefaultAsync(k => k.Id == keyId, cancellationToken).ConfigureAwait(false);
        if (key is null)
        {
            return Problems.Missing($"API key {keyId}");
        }

        if (key.RevokedAt is null)
        {
            var caller = http.Caller();
            key.RevokedAt = clock.GetUtcNow();
            await audit.CommitAsync(db, new AuditRecord(key.RevokedAt.Value, caller.Tenant, caller.Actor, "api-key.revoked", key.Prefix), null, cancellationToken).ConfigureAwait(false);
        }

        return TypedResults.NoContent();
    }

    private static ApiKeyResponse Describe(ApiKey key) =>
        new(key.Id, key.Prefix, key.Name, key.Kind.ToString().ToLowerInvariant(), key.DeviceId, key.CreatedAt, key.RevokedAt);
}
