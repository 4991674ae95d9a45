using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Privacy;
using PalmKey.Server.Sms;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Apis;

/// <summary>
/// What a tenant's admin can read about the tenant's own activity: its audit log, its SMS outbox, its
/// transparency report; and its data key rotation.
/// </summary>
internal static class TenantRecordsApi
{
    public static RouteGroupBuilder MapTenantRecordsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/audit", AuditAsync).WithTags("Audit");
        admin.MapGet("/sms-outbox", Outbox).WithTags("Console");
        admin.MapGet("/transparency", TransparencyAsync).WithTags("Transparency");
        admin.MapPost("/data-keys/rotate", RotateAsync).WithTags("Keys");
        return admin;
    }

    private static async Task<Ok<AuditPage>> AuditAsync(long? after, int? limit, PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        var size = Validation.PageSize(limit);
        var entries = await db.AuditEntries.AsNoTracking()
            .Where(e => after == null || e.Sequence > after)
            .OrderBy(e => e.Sequence)
            .Take(size)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new AuditPage(
            [.. entries.Select(e => new AuditEntryResponse(e.Sequence, e.At, e.Actor, e.Action, e.Subject, e.Detail, Convert.ToHexStringLower(e.Hash)))],
            entries.Count == size ? entries[^1].Sequence : null));
    }

    /// <summary>The messages the default SMS sender kept for this tenant; empty with a real SMS gateway.</summary>
    private static Ok<List<OutboxMessage>> Outbox(HttpContext http, IServiceProvider services)
    {
        var outbox = services.GetService<ISmsOutbox>();
        var messages = outbox?.Read(http.Caller().Tenant) ?? [];
        return TypedResults.Ok(messages.Select(m => new OutboxMessage(m.To, m.Body, m.At)).ToList());
    }

    private static async Task<Ok<TransparencyReport>> TransparencyAsync(PalmKeyDbContext db, TimeProvider clock, CancellationToken cancellationToken)
    {
        var attempts = await db.IdentificationAttempts.AsNoTracking()
            .GroupBy(a => new { a.Purpose, a.Outcome })
            .Select(g => new { g.Key.Purpose, g.Key.Outcome, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var identifications = attempts
            .GroupBy(a => a.Purpose)
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new PurposeCount(
                g.Key,
                g.Where(a => a.Outcome == IdentificationOutcome.Recognized).Sum(a => a.Count),
                g.Where(a => a.Outcome == IdentificationOutcome.NotRecognized).Sum(a => a.Count),
                g.Where(a => a.Outcome == IdentificationOutcome.Rejected).Sum(a => a.Count)))
            .ToList();

        var deletionActions = new[] { CustomerDeletion.CustomerDeleted, CustomerDeletion.PalmsDeleted };
        var deletions = await db.AuditEntries.AsNoTracking()
            .Where(e => deletionActions.Contains(e.Action))
            .GroupBy(e => new { e.Action, e.Detail })
            .Select(g => new { g.Key.Action, g.Key.Detail, Count = g.Count() })
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var byCause = deletions
            .GroupBy(d => d.Detail ?? "unknown")
            .OrderBy(g => g.Key, StringComparer.Ordinal)
            .Select(g => new CauseCount(
                g.Key,
                g.Where(d => d.Action == CustomerDeletion.CustomerDeleted).Sum(d => d.Count),
                g.Where(d => d.Action == CustomerDeletion.PalmsDeleted).Sum(d => d.Count)))
            .ToList();
        var purgedCauses = new[] { DeletionCauses.Dormant, DeletionCauses.RetentionLimit };
        var purges = new PurgeSummary(
            await db.AuditEntries.CountAsync(e => e.Action == RetentionPurger.PurgeAction, cancellationToken).ConfigureAwait(false),
            byCause.Where(c => purgedCauses.Contains(c.Cause)).Sum(c => c.Customers));

        return TypedResults.Ok(new TransparencyReport(
            clock.GetUtcNow(),
            await db.Customers.CountAsync(cancellationToken).ConfigureAwait(false),
            await db.Palms.CountAsync(cancellationToken).ConfigureAwait(false),
            identifications,
            byCause,
            purges));
    }

    private static async Task<Ok<RotationResponse>> RotateAsync(
        HttpContext http, PalmKeyDbContext db, TenantKeyring keyring, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var caller = http.Caller();
        var result = await DataKeyRotation.RotateAsync(db, keyring, caller.Tenant, clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        await audit.CommitAsync(
            db,
            new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "data-key.rotated", result.NewKeyId, string.Create(CultureInfo.InvariantCulture, $"retired={result.RetiredKeyIds.Count} rewritten={result.RowsRewritten}")),
            null,
            cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(new RotationResponse(result.NewKeyId, result.RetiredKeyIds, result.RowsRewritten));
    }
}
