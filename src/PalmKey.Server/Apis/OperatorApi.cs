using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Devices;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Tenancy;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server.Apis;

/// <summary>The platform operator's endpoints: create, list and delete tenants. They see no customer data.</summary>
internal static class OperatorApi
{
    public static RouteGroupBuilder MapOperatorApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/operator").RequireAuthorization(Policies.Operator).WithTags("Operator");
        api.MapPost("/tenants", CreateTenantAsync);
        api.MapGet("/tenants", ListTenantsAsync);
        api.MapDelete("/tenants/{tenantId}", DeleteTenantAsync);
        return api;
    }

    private static async Task<Results<Created<TenantCreatedResponse>, ProblemHttpResult>> CreateTenantAsync(
        CreateTenantRequest request, PalmKeyDbContext db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        if (Validation.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid(error);
        }

        var (tenant, adminKey) = await provisioning.CreateTenantAsync(db, request.Name!.Trim(), "operator", cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/operator/tenants/{tenant.Id}", new TenantCreatedResponse(tenant.Id, tenant.Name, adminKey.Key, adminKey.Prefix));
    }

    private static async Task<Ok<List<TenantSummary>>> ListTenantsAsync(PalmKeyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Tenants.AsNoTracking()
            .Where(t => t.DeletionStartedAt == null)
            .OrderBy(t => t.CreatedAt)
            .Select(t => new TenantSummary(t.Id, t.Name, t.CreatedAt))
            .ToListAsync(cancellationToken).ConfigureAwait(false));

    /// <summary>Crypto-shreds the tenant: its data keys go first, then its rows, then its index.</summary>
    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteTenantAsync(
        string tenantId, PalmKeyDbContext db, AuditLog audit, TenantKeyring keyring, IngestionKeyStore ingestionKeys, PalmIndexRegistry indexes, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (!await TenantErasure.EraseAsync(db, audit, keyring, tenantId, "operator", clock.GetUtcNow(), cancellationToken).ConfigureAwait(false))
        {
            return Problems.Missing($"Tenant {tenantId}");
        }

        indexes.Drop(tenantId);
        ingestionKeys.Forget(tenantId);
        return TypedResults.NoContent();
    }
}
