using System.Security.Cryptography;
using System.Text;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Auth;
using PalmKey.Storage;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Idempotency keys on commands: the first request with a key runs and, if it succeeds, its response
/// is kept for 24 hours under the caller and the key. A retry with the same key and the same body gets
/// that response again (with <c>Idempotent-Replayed: true</c>); the same key with another body is
/// refused with 422; a retry while the first still runs gets 409. Failed requests are not kept, so a
/// corrected request can reuse the key. Only a hash of the request is stored, never its body, and only
/// commands whose responses hold no secret and no personal data are marked idempotent. The body is
/// buffered in memory only, so palm frames never reach a temporary file.
/// </summary>
internal sealed class IdempotencyMiddleware
{
    public const string Header = "Idempotency-Key";
    public const string ReplayedHeader = "Idempotent-Replayed";
    private static readonly TimeSpan Kept = TimeSpan.FromHours(24);

    private readonly RequestDelegate _next;

    public IdempotencyMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    public async Task InvokeAsync(HttpContext context, PalmKeyDbFactory databases, TenantScope scope, TimeProvider clock)
    {
        if (context.GetEndpoint()?.Metadata.GetMetadata<IdempotentCommand>() is null
            || !context.Request.Headers.TryGetValue(Header, out var values)
            || scope.TenantId is null
            || context.User.Identity?.IsAuthenticated != true)
        {
            await _next(context).ConfigureAwait(false);
            return;
        }

        var key = values.ToString();
        if (key.Length is 0 or > 200 || key.Any(c => c is < '!' or > '~'))
        {
            await Problems.Create(StatusCodes.Status400BadRequest, Problems.InvalidIdempotencyKey, "Invalid idempotency key", "Idempotency-Key must be 1 to 200 visible ASCII characters, such as a UUID.")
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        var body = new MemoryStream();
        await context.Request.Body.CopyToAsync(body, context.RequestAborted).ConfigureAwait(false);
        body.Position = 0;
        context.Request.Body = body;
        var requestHash = HashRequest(context.Request, body);
        var caller = context.Caller().Actor;
        var tenantId = scope.TenantId;

        await using var db = databases.CreateForTenant(tenantId);
        var record = await FindAsync(db, caller, key, context.RequestAborted).ConfigureAwait(false);
        if (record is null)
        {
            var now = clock.GetUtcNow();
            record = new IdempotencyRecord { TenantId = tenantId, Caller = caller, Key = key, RequestHash = requestHash, CreatedAt = now, ExpiresAt = now + Kept };
            db.IdempotencyRecords.Add(record);
            try
            {
                await db.SaveChangesAsync(context.RequestAborted).ConfigureAwait(false);
            }
            catch (DbUpdateException)
            {
                // Another request with this key got in first.
                db.ChangeTracker.Clear();
                record = await FindAsync(db, caller, key, context.RequestAborted).ConfigureAwait(false);
                if (record is null)
                {
                    throw;
                }

                await AnswerFromRecordAsync(context, record, requestHash).ConfigureAwait(false);
                return;
            }

            await RunAndKeepAsync(context, db, record).ConfigureAwait(false);
            return;
        }

        await AnswerFromRecordAsync(context, record, requestHash).ConfigureAwait(false);
    }

    private async Task RunAndKeepAsync(HttpContext context, PalmKeyDbContext db, IdempotencyRecord record)
    {
        var original = context.Response.Body;
        var captured = new MemoryStream();
        context.Response.Body = captured;
        var kept = false;
        try
        {
            await _next(context).ConfigureAwait(false);
            if (context.Response.StatusCode is >= 200 and < 300)
            {
                record.StatusCode = context.Response.StatusCode;
                record.ContentType = context.Response.ContentType;
                record.Location = context.Response.Headers.Location.ToString() is { Length: > 0 } location ? location : null;
                record.ResponseBody = captured.ToArray();
                try
                {
                    await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
                }
                catch (DbUpdateConcurrencyException)
                {
                    // The command erased its own caller (a customer's POST /v1/me/cancel), and this record
                    // with the customer's rows: there is nothing left to keep, and nobody left to retry.
                    db.ChangeTracker.Clear();
                }

                kept = true;
            }
        }
        finally
        {
            if (!kept)
            {
                db.IdempotencyRecords.Remove(record);
                await db.SaveChangesAsync(CancellationToken.None).ConfigureAwait(false);
            }

            context.Response.Body = original;
            captured.Position = 0;
            await captured.CopyToAsync(original, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static async Task AnswerFromRecordAsync(HttpContext context, IdempotencyRecord record, byte[] requestHash)
    {
        if (!CryptographicOperations.FixedTimeEquals(record.RequestHash, requestHash))
        {
            await Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.IdempotencyKeyReused,
                "Idempotency key reused",
                "This Idempotency-Key was already used with a different request. Use a new key for a new command.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        if (record.StatusCode is not { } status)
        {
            await Problems.Create(
                StatusCodes.Status409Conflict,
                Problems.IdempotencyInProgress,
                "Request in progress",
                "A request with this Idempotency-Key is still running. Retry after it finishes.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        context.Response.StatusCode = status;
        context.Response.Headers[ReplayedHeader] = "true";
        if (record.ContentType is not null)
        {
            context.Response.ContentType = record.ContentType;
        }

        if (record.Location is not null)
        {
            context.Response.Headers.Location = record.Location;
        }

        if (record.ResponseBody is { Length: > 0 } responseBody)
        {
            await context.Response.Body.WriteAsync(responseBody, context.RequestAborted).ConfigureAwait(false);
        }
    }

    private static Task<IdempotencyRecord?> FindAsync(PalmKeyDbContext db, string caller, string key, CancellationToken cancellationToken) =>
        db.IdempotencyRecords.FirstOrDefaultAsync(r => r.Caller == caller && r.Key == key, cancellationToken);

    private static byte[] HashRequest(HttpRequest request, MemoryStream body)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        hash.AppendData(Encoding.UTF8.GetBytes($"{request.Method}\n{request.Path}{request.QueryString}\n"));
        hash.AppendData(body.GetBuffer().AsSpan(0, (int)body.Length));
        return hash.GetHashAndReset();
    }
}
