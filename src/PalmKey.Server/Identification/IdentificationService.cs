using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Capture;
using PalmKey.Server.Enrollment;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Identification;

/// <summary>
/// Identification at a device: frames in, a pseudonymous customer id or "not recognized" out, decided
/// open-set at the tenant's target FPIR within the tenant's own index. Every attempt is recorded: a
/// recognized one in the customer's usage history, and every one in the tenant's identification log,
/// which has no link to any customer.
/// </summary>
internal sealed partial class IdentificationService
{
    private readonly PalmKeyDbContext _db;
    private readonly IPalmCaptureProcessor _captures;
    private readonly PalmIndexRegistry _indexes;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.IdentificationSettings _settings;
    private readonly ILogger<IdentificationService> _logger;

    public IdentificationService(
        PalmKeyDbContext db,
        IPalmCaptureProcessor captures,
        PalmIndexRegistry indexes,
        TimeProvider clock,
        IOptions<PalmKeyOptions> options,
        ILogger<IdentificationService> logger)
    {
        _db = db;
        _captures = captures;
        _indexes = indexes;
        _clock = clock;
        _settings = options.Value.Identification;
        _logger = logger;
    }

    public async Task<Results<Ok<IdentifyResponse>, ProblemHttpResult>> IdentifyAsync(Caller device, IdentifyRequest request, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (request.Frames is not { Count: > 0 } frames || frames.Count > _settings.MaxFrames || frames.Any(f => f is null || f.Length == 0))
        {
            return Problems.Invalid(string.Create(CultureInfo.InvariantCulture, $"frames must hold {_settings.MinFrames} to {_settings.MaxFrames} non-empty images of the palm, one hover gesture."));
        }

        if (string.IsNullOrWhiteSpace(request.Purpose))
        {
            return Problems.Invalid("purpose is required: one of the tenant's accepted purposes.");
        }

        if (!_indexes.IsLoaded)
        {
            return Problems.Create(StatusCodes.Status503ServiceUnavailable, Problems.NotReady, "Starting", "The server is still loading the palm index. Try again shortly.");
        }

        var tenant = await _db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        var accepted = Purposes.Parse(tenant.AcceptedPurposes);
        if (!accepted.Contains(request.Purpose))
        {
            return Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.PurposeNotAccepted,
                "Purpose not accepted",
                $"'{request.Purpose}' is not a purpose {tenant.Name} accepts; it accepts: {string.Join(", ", accepted)}.");
        }

        var siteId = request.SiteId ?? device.SiteId!;
        if (siteId != device.SiteId && !await _db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false))
        {
            return Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.UnknownSite, "Unknown site", $"Site {siteId} is not a site of this tenant.");
        }

        // Every identification is a hover gesture: several fresh frames of one steady palm.
        var result = await _captures.ProcessHoverAsync(frames, cancellationToken).ConfigureAwait(false);
        if (result.Rejection is { } rejection)
        {
            await RecordAsync(device, siteId, request.Purpose, IdentificationOutcome.Rejected, null, cancellationToken).ConfigureAwait(false);
            return EnrollmentService.Rejected(rejection, string.Empty);
        }

        var decision = _indexes.For(tenant.Id).Identify(result.Probes, tenant.TargetFpir);
        var match = decision.Match;
        if (match is { } found && !await RecordAsync(device, siteId, request.Purpose, IdentificationOutcome.Recognized, found.CustomerId, cancellationToken).ConfigureAwait(false))
        {
            // The customer was deleted while this request was in flight.
            match = null;
        }

        if (match is null)
        {
            await RecordAsync(device, siteId, request.Purpose, IdentificationOutcome.NotRecognized, null, cancellationToken).ConfigureAwait(false);
        }

        LogIdentified(_logger, device.DeviceId!, match is not null, watch.ElapsedMilliseconds);
        return TypedResults.Ok(match is { } m
            ? new IdentifyResponse(true, m.CustomerId, Math.Round(m.Score, 2))
            : new IdentifyResponse(false, null, null));
    }

    private async Task<bool> RecordAsync(Caller device, string siteId, string purpose, IdentificationOutcome outcome, string? customerId, CancellationToken cancellationToken)
    {
        var now = _clock.GetUtcNow();
        if (customerId is not null)
        {
            var updated = await _db.Customers
                .Where(c => c.Id == customerId)
                .ExecuteUpdateAsync(s => s.SetProperty(c => c.LastIdentifiedAt, now).SetProperty(c => c.LastInteractionAt, now), cancellationToken)
                .ConfigureAwait(false);
            if (updated == 0)
            {
                return false;
            }

            _db.UsageEvents.Add(new UsageEvent { TenantId = device.Tenant, CustomerId = customerId, At = now, SiteId = siteId, DeviceId = device.DeviceId!, Purpose = purpose });
        }

        _db.IdentificationAttempts.Add(new IdentificationAttempt { TenantId = device.Tenant, At = now, SiteId = siteId, DeviceId = device.DeviceId!, Purpose = purpose, Outcome = outcome });
        try
        {
            await _db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (DbUpdateException) when (customerId is not null)
        {
            // The customer's rows went between the update and the insert: drop the usage row, keep the log row.
            _db.ChangeTracker.Clear();
            return false;
        }
    }

    [LoggerMessage(EventId = 500, Level = LogLevel.Debug, Message = "Identification at device {DeviceId}: recognized {Recognized} in {Milliseconds} ms")]
    private static partial void LogIdentified(ILogger logger, string deviceId, bool recognized, long milliseconds);
}
