using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Identification;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Apis;

/// <summary>
/// The console's charts: enrollments and identifications per UTC day, by purpose and result, and the
/// identification latency this server measured since it started.
/// </summary>
internal static class StatsApi
{
    public const int MaxDays = 90;

    public static RouteGroupBuilder MapStatsApi(this RouteGroupBuilder admin)
    {
        admin.MapGet("/stats", StatsAsync).WithTags("Console");
        return admin;
    }

    private static async Task<Results<Ok<StatsResponse>, ProblemHttpResult>> StatsAsync(
        int? days, HttpContext http, PalmKeyDbContext db, TimeProvider clock, IdentificationLatency latency, CancellationToken cancellationToken)
    {
        var span = days ?? 14;
        if (span is < 1 or > MaxDays)
        {
            return Problems.Invalid(string.Create(CultureInfo.InvariantCulture, $"days must be 1 to {MaxDays}."));
        }

        var today = DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
        var first = today.AddDays(1 - span);
        var from = new DateTimeOffset(first.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

        // The enrollment count comes from the audit log, which keeps an entry after the customer is deleted.
        var enrolled = await db.AuditEntries.AsNoTracking()
            .Where(e => e.Action == "customer.enrolled" && e.At >= from)
            .Select(e => e.At)
            .ToListAsync(cancellationToken).ConfigureAwait(false);
        var attempts = await db.IdentificationAttempts.AsNoTracking()
            .Where(a => a.At >= from)
            .Select(a => new { a.At, a.Purpose, a.Outcome })
            .ToListAsync(cancellationToken).ConfigureAwait(false);

        var series = new List<DayStats>(span);
        for (var day = first; day <= today; day = day.AddDays(1))
        {
            var current = day;
            var ofDay = attempts.Where(a => DateOnly.FromDateTime(a.At.UtcDateTime) == current).ToList();
            series.Add(new DayStats(
                current.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
                enrolled.Count(at => DateOnly.FromDateTime(at.UtcDateTime) == current),
                [.. ofDay.GroupBy(a => a.Purpose).OrderBy(g => g.Key, StringComparer.Ordinal).Select(g => new PurposeCount(
                    g.Key,
                    g.Count(a => a.Outcome == IdentificationOutcome.Recognized),
                    g.Count(a => a.Outcome == IdentificationOutcome.NotRecognized),
                    g.Count(a => a.Outcome == IdentificationOutcome.Rejected)))]));
        }

        var labels = series.Select(d => d.Date).ToList();
        var enrollments = StatsChart.Bars("Enrollments per day", labels, [new("enrollments", "#0b5394", [.. series.Select(d => d.Enrollments)])]);
        var identifications = StatsChart.Bars(
            "Identifications per day, by result",
            labels,
            [
                new("recognized", "#1b5e20", [.. series.Select(d => d.Identifications.Sum(p => p.Recognized))]),
                new("not recognized", "#7a4b00", [.. series.Select(d => d.Identifications.Sum(p => p.NotRecognized))]),
                new("refused frames", "#b00020", [.. series.Select(d => d.Identifications.Sum(p => p.Rejected))]),
            ]);
        return TypedResults.Ok(new StatsResponse(series, latency.Summarize(http.Caller().Tenant), enrollments, identifications));
    }
}
