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
    private readonly IdentificationLatency _latency;

    public IdentificationService(
        PalmKeyDbContext db,
        IPalmCaptureProcessor captures,
        PalmIndexRegistry indexes,
        TimeProvider clock,
        IOptions<PalmKeyOptions> options,
        ILogger<IdentificationService> logger,
        IdentificationLatency latency)
    {
        _latency = latency;
        _db = db;
        _captures = captures;
        _indexes = indexes;
        _clock = clock;
        _settings = options.Value.Identification;
        _logger = logger;
    }

    public async Task<Results<Ok<IdentifyResponse>, ProblemHttpResult>> IdentifyAsync(Caller device, IdentifyRequest request, CancellationToken cancellationToken)
    {
        var identified = await IdentifyCustomerAsync(device, request.Frames, request.Purpose, request.SiteId, cancellationToken).ConfigureAwait(false);
        if (identified.Problem is { } problem)
        {
            return problem;
        }

        return TypedResults.Ok(identified.CustomerId is { } customerId
            ? new IdentifyResponse(true, customerId, identified.Score)
            : new IdentifyResponse(false, null, null));
    }

    /// <summary>
    /// The identification step that every use of a palm goes through (identify, checkout, entry,
    /// badge, loyalty): checks the request, reads the frames, decides open-set and records the attempt.
    /// </summary>
    public async Task<PalmIdentification> IdentifyCustomerAsync(Caller device, IReadOnlyList<byte[]>? frames, string? purpose, string? requestedSiteId, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        if (frames is not { Count: > 0 } || frames.Count > _settings.MaxFrames || frames.Any(f => f is null || f.Length == 0))
        {
            return PalmIdentification.Refused(Problems.Invalid(string.Create(CultureInfo.InvariantCulture, $"frames must hold {_settings.MinFrames} to {_settings.MaxFrames} non-empty images of the palm, one hover gesture.")));
        }

        if (string.IsNullOrWhiteSpace(purpose))
        {
            return PalmIdentification.Refused(Problems.Invalid("purpose is required: one of the tenant's accepted purposes."));
        }

        if (!_indexes.IsLoaded)
        {
            return PalmIdentification.Refused(Problems.Create(StatusCodes.Status503ServiceUnavailable, Problems.NotReady, "Starting", "The server is still loading the palm index. Try again shortly."));
        }

        var tenant = await _db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false);
        var accepted = Purposes.Parse(tenant.AcceptedPurposes);
        if (!accepted.Contains(purpose))
        {
            return PalmIdentification.Refused(Problems.Create(
                StatusCodes.Status422UnprocessableEntity,
                Problems.PurposeNotAccepted,
                "Purpose not accepted",
                $"'{purpose}' is not a purpose {tenant.Name} accepts; it accepts: {string.Join(", ", accepted)}."));
        }

        var siteId = requestedSiteId ?? device.SiteId!;
        if (siteId != device.SiteId && !await _db.Sites.AnyAsync(s => s.Id == siteId, cancellationToken).ConfigureAwait(false))
        {
            return PalmIdentification.Refused(Problems.Create(StatusCodes.Status422UnprocessableEntity, Problems.UnknownSite, "Unknown site", $"Site {siteId} is not a site of this tenant."));
        }

        // Every identification is a hover gesture: several fresh frames of one steady palm.
        var result = await _captures.ProcessHoverAsync(frames, cancellationToken).ConfigureAwait(false);
        if (result.Rejection is { } rejection)
        {
            await RecordAsync(device, siteId, purpose, IdentificationOutcome.Rejected, null, cancellationToken).ConfigureAwait(false);
            return PalmIdentification.Refused(EnrollmentService.Rejected(rejection, string.Empty));
        }

        var decision = _indexes.For(tenant.Id).Identify(result.Probes, tenant.TargetFpir);
        var match = decision.Match;
        if (match is { } found && !await RecordAsync(device, siteId, purpose, IdentificationOutcome.Recognized, found.CustomerId, cancellationToken).ConfigureAwait(false))
        {
            // The customer was deleted while this request was in flight.
            match = null;
        }

        if (match is null)
        {
            await RecordAsync(device, siteId, purpose, IdentificationOutcome.NotRecognized, null, cancellationToken).ConfigureAwait(false);
        }

        _latency.Record(device.Tenant, watch.Elapsed);
        LogIdentified(_logger, device.DeviceId!, match is not null, watch.ElapsedMilliseconds);
        return match is { } m
            ? new PalmIdentification(m.CustomerId, Math.Round(m.Score, 2), siteId, false, null)
            : new PalmIdentification(null, null, siteId, decision.Ambiguous, null);
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
