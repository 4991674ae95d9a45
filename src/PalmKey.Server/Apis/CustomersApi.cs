using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Entry;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Privacy;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server.Apis;

/// <summary>
/// A tenant's customers as its admin sees them: pseudonymous ids and dates, never numbers or
/// templates. Reading one customer is audited as data access.
/// </summary>
internal static class CustomersApi
{
    public static RouteGroupBuilder MapCustomersApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/customers").WithTags("Customers");
        api.MapGet("/", ListAsync);
        api.MapGet("/{customerId}", GetAsync);
        api.MapDelete("/{customerId}", DeleteAsync).WithIdempotency();
        api.MapPost("/{customerId}/linked-accounts", LinkAccountAsync).WithIdempotency();
        return api;
    }

    private static async Task<Ok<CustomerPage>> ListAsync(string? after, int? limit, PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        var size = Validation.PageSize(limit);
        var page = await db.Customers.AsNoTracking()
            .Where(c => after == null || string.Compare(c.Id, after) > 0)
            .OrderBy(c => c.Id)
            .Take(size)
            .Select(c => new CustomerSummary(c.Id, c.EnrolledAt, db.Palms.Count(p => p.CustomerId == c.Id), c.LastIdentifiedAt, c.CancellationRequestedAt != null))
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new CustomerPage(page, page.Count == size ? page[^1].CustomerId : null));
    }

    private static async Task<Results<Ok<AdminCustomerView>, ProblemHttpResult>> GetAsync(
        string customerId, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var customer = await db.Customers.AsNoTracking().FirstOrDefaultAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false);
        if (customer is null)
        {
            return Problems.Missing($"Customer {customerId}");
        }

        var caller = http.Caller();
        await audit.CommitAsync(db, new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "customer.viewed", customerId), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(await CustomerViews.ForAdminAsync(db, customer, cancellationToken).ConfigureAwait(false));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> DeleteAsync(
        string customerId, HttpContext http, PalmKeyDbContext db, CustomerDeletion deletion, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        return await deletion.DeleteCustomerAsync(db, caller.Tenant, customerId, caller.Actor, DeletionCauses.Admin, cancellationToken).ConfigureAwait(false)
            ? TypedResults.NoContent()
            : Problems.Missing($"Customer {customerId}");
    }

    private static async Task<Results<Created<LinkedAccountResponse>, ProblemHttpResult>> LinkAccountAsync(
        string customerId, LinkAccountRequest request, HttpContext http, PalmKeyDbContext db, TenantKeyring keyring, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        if (request.Kind is null || !AccountKinds.ForAdmin.Contains(request.Kind))
        {
            return Problems.Invalid($"kind must be one of: {string.Join(", ", AccountKinds.ForAdmin)}. Cards are added by the customer.");
        }

        if (AccountKinds.Validate(request.Kind, request.Reference) is { } error)
        {
            return Problems.Invalid(error);
        }

        if (!await db.Customers.AnyAsync(c => c.Id == customerId, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Missing($"Customer {customerId}");
        }

        var caller = http.Caller();
        var reference = request.Reference!.Trim();
        var account = await EntryService.LinkAsync(db, keyring, audit, caller.Tenant, caller.Actor, customerId, request.Kind, reference, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        return TypedResults.Created((string?)null, new LinkedAccountResponse(account.Id, account.Kind, reference, account.LinkedAt));
    }
}
