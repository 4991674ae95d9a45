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

/// <summary>A tenant's sites: stores, venues, offices.</summary>
internal static class SitesApi
{
    public static RouteGroupBuilder MapSitesApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/sites").WithTags("Sites");
        api.MapGet("/", ListAsync);
        api.MapPost("/", CreateAsync).WithIdempotency();
        api.MapGet("/{siteId}", GetAsync);
        api.MapPut("/{siteId}", RenameAsync);
        api.MapDelete("/{siteId}", DeleteAsync);
        return api;
    }

    private static async Task<Ok<List<SiteResponse>>> ListAsync(PalmKeyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(await db.Sites.AsNoTracking().OrderBy(s => s.CreatedAt).Select(s => new SiteResponse(s.Id, s.Name, s.CreatedAt)).ToListAsync(cancellationToken).ConfigureAwait(false));

    private static async Task<Results<Created<SiteResponse>, ProblemHttpResult>> CreateAsync(
        SiteRequest request, HttpContext http, PalmKeyDbContext db, TenantProvisioning provisioning, CancellationToken cancellationToken)
    {
        if (Validation.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid(error);
        }

        var caller = http.Caller();
        var site = await provisioning.AddSiteAsync(db, caller.Tenant, request.Name!.Trim(), caller.Actor, cancellationToken).ConfigureAwait(false);
        return TypedResults.Created($"/v1/admin/sites/{site.Id}", Describe(site));
    }

    private static async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> GetAsync(string siteId, PalmKeyDbContext db, CancellationToken cancellationToken) =>
        await db.Sites.AsNoTracking().FirstOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false) is { } site
            ? TypedResults.Ok(Describe(site))
            : Problems.Missing($"Site {siteId}");

    private static async Task<Results<Ok<SiteResponse>, ProblemHttpResult>> RenameAsync(
        string siteId, SiteRequest request, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (Validation.Name(request.Name, "name") is { } error)
        {
            return Problems.Invalid(error);
        }

        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return Problems.Missing($"Site {siteId}");
        }

        var caller = http.Caller();
        site.Name = request.Name!.Trim();
        await audit.CommitAsync(db, new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "site.renamed", site.Id), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Describe(site));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string siteId, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var site = await db.Sites.FirstOrDefaultAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false);
        if (site is null)
        {
            return Problems.Missing($"Site {siteId}");
        }

        if (await db.Devices.AnyAsync(d => d.SiteId == siteId, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Create(StatusCodes.Status409Conflict, Problems.SiteInUse, "The site has devices", $"Site {siteId} still has devices registered; a site with devices is kept.");
        }

        var caller = http.Caller();
        db.Sites.Remove(site);
        await audit.CommitAsync(db, new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "site.deleted", site.Id), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.NoContent();
    }

    private static SiteResponse Describe(Site site) => new(site.Id, site.Name, site.CreatedAt);
}
