using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Privacy;
using PalmKey.Server.Tenancy;
using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Apis;

/// <summary>
/// A tenant's settings: accepted purposes, dormancy and maximum retention, and target FPIR. Changing
/// them changes the disclosure's version, which new enrollments must accept.
/// </summary>
internal static class SettingsApi
{
    public static RouteGroupBuilder MapSettingsApi(this RouteGroupBuilder admin)
    {
        var api = admin.MapGroup("/settings").WithTags("Settings");
        api.MapGet("/", GetAsync);
        api.MapPut("/", UpdateAsync);
        return api;
    }

    private static async Task<Ok<SettingsResponse>> GetAsync(PalmKeyDbContext db, CancellationToken cancellationToken) =>
        TypedResults.Ok(Describe(await db.Tenants.AsNoTracking().SingleAsync(cancellationToken).ConfigureAwait(false)));

    private static async Task<Results<Ok<SettingsResponse>, ValidationProblem>> UpdateAsync(
        SettingsRequest request, HttpContext http, PalmKeyDbContext db, AuditLog audit, TimeProvider clock, CancellationToken cancellationToken)
    {
        var tenant = await db.Tenants.SingleAsync(cancellationToken).ConfigureAwait(false);
        var errors = new Dictionary<string, string[]>();
        if (request.AcceptedPurposes is { } purposes)
        {
            if (purposes.Count == 0 || purposes.Any(p => !Purposes.All.Contains(p)))
            {
                errors["acceptedPurposes"] = [$"Give one or more of: {string.Join(", ", Purposes.All)}."];
            }
            else
            {
                tenant.AcceptedPurposes = Purposes.Format(purposes);
            }
        }

        tenant.DormancyDays = request.DormancyDays ?? tenant.DormancyDays;
        tenant.MaxRetentionDays = request.MaxRetentionDays ?? tenant.MaxRetentionDays;
        tenant.TargetFpir = request.TargetFpir ?? tenant.TargetFpir;
        if (tenant.MaxRetentionDays is < 1 or > TenantDefaults.MaxRetentionDays)
        {
            errors["maxRetentionDays"] = [string.Create(CultureInfo.InvariantCulture, $"Must be 1 to {TenantDefaults.MaxRetentionDays} days: biometric data is kept at most three years after the last interaction.")];
        }

        if (tenant.DormancyDays < 1 || tenant.DormancyDays > tenant.MaxRetentionDays)
        {
            errors["dormancyDays"] = ["Must be at least 1 day and at most the maximum retention."];
        }

        if (double.IsNaN(tenant.TargetFpir) || tenant.TargetFpir < TenantDefaults.MinFpir || tenant.TargetFpir > TenantDefaults.MaxFpir)
        {
            errors["targetFpir"] = [string.Create(CultureInfo.InvariantCulture, $"Must be between {TenantDefaults.MinFpir} and {TenantDefaults.MaxFpir}.")];
        }

        if (request.Currency is { } currency)
        {
            if (currency.Length != 3 || !currency.All(char.IsAsciiLetter))
            {
                errors["currency"] = ["Must be a three-letter ISO 4217 code, such as USD."];
            }
            else
            {
                tenant.Currency = currency.ToUpperInvariant();
            }
        }

        tenant.EnrollmentCreditMinor = request.EnrollmentCreditMinor ?? tenant.EnrollmentCreditMinor;
        if (tenant.EnrollmentCreditMinor is < 0 or > 100_000)
        {
            errors["enrollmentCreditMinor"] = ["Must be 0 to 100000 minor units (0 turns the enrollment credit off)."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, detail: "The settings were not changed.", type: Problems.TypeOf(Problems.InvalidRequest), title: "The settings are not valid");
        }

        var caller = http.Caller();
        await audit.CommitAsync(db, new AuditRecord(clock.GetUtcNow(), caller.Tenant, caller.Actor, "settings.changed", caller.Tenant, Disclosures.For(tenant).Version), null, cancellationToken).ConfigureAwait(false);
        return TypedResults.Ok(Describe(tenant));
    }

    private static SettingsResponse Describe(Tenant tenant) =>
        new(tenant.Name, Purposes.Parse(tenant.AcceptedPurposes), tenant.DormancyDays, tenant.MaxRetentionDays, tenant.TargetFpir, Disclosures.For(tenant).Version, tenant.Currency, tenant.EnrollmentCreditMinor);
}
