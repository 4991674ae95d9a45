using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Privacy;

namespace PalmKey.Server.Tests;

public sealed class RetentionTests
{
    [Fact]
    public async Task Dormant_accounts_are_purged_and_used_ones_are_kept()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var dormant = await tenant.EnrollAsync("+15550100001", palm: 1);
        var active = await tenant.EnrollAsync("+15550100002", palm: 2);

        factory.Clock.Advance(TimeSpan.FromDays(700));
        Assert.True((await tenant.IdentifyPalmAsync(2)).Recognized);
        factory.Clock.Advance(TimeSpan.FromDays(31));
        var report = await PurgeAsync(factory);

        Assert.Equal(1, report.Dormant);
        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        Assert.Equal(active, (await tenant.IdentifyPalmAsync(2)).CustomerId);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var ct = TestContext.Current.CancellationToken;
        Assert.Equal([active], await db.Customers.Select(c => c.Id).ToListAsync(ct));
        Assert.Empty(await db.Palms.Where(p => p.CustomerId == dormant).ToListAsync(ct));
        var deletion = await db.AuditEntries.SingleAsync(e => e.Action == CustomerDeletion.CustomerDeleted, ct);
        Assert.Equal((dormant, "system", DeletionCauses.Dormant), (deletion.Subject, deletion.Actor, deletion.Detail));
        var purge = await db.AuditEntries.SingleAsync(e => e.Action == RetentionPurger.PurgeAction, ct);
        Assert.Equal("dormant=1 retention-limit=0 cancelled=0", purge.Detail);
        Assert.DoesNotContain("0100001", purge.Detail + deletion.Detail + deletion.Subject, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Accounts_past_the_maximum_retention_since_the_last_interaction_are_purged()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, 300, 365, null))).ReadAsync<SettingsResponse>();
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);

        // Identified now and then, never dormant; but no interaction in the year after the last one.
        for (var i = 0; i < 3; i++)
        {
            factory.Clock.Advance(TimeSpan.FromDays(200));
            Assert.True((await tenant.IdentifyPalmAsync(1)).Recognized);
            Assert.Equal(0, (await PurgeAsync(factory)).RetentionLimit);
        }

        factory.Clock.Advance(TimeSpan.FromDays(366));
        var report = await PurgeAsync(factory);

        Assert.Equal(1, report.RetentionLimit);
        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        var transparency = await (await tenant.Admin.SendGetAsync("/v1/admin/transparency")).ReadAsync<TransparencyReport>();
        Assert.Equal(0, transparency.EnrolledCustomers);
        Assert.Equal(1, Assert.Single(transparency.Deletions).Customers);
        Assert.Equal("retention-limit", transparency.Deletions[0].Cause);
        Assert.Equal(new PurgeSummary(1, 1), transparency.Purges);
        Assert.NotEmpty(customerId);
    }

    [Fact]
    public async Task The_retention_job_runs_by_itself_on_the_clock()
    {
        var settings = new Dictionary<string, string?> { ["PalmKey:Retention:Enabled"] = "true", ["PalmKey:Retention:Interval"] = "1.00:00:00" };
        await using var factory = await new PalmKeyServerFactory(settings: settings).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        var worker = factory.Service<RetentionWorker>();
        await WaitForAsync(() => worker.Runs >= 1);
        var runs = worker.Runs;

        factory.Clock.Advance(TimeSpan.FromDays(731));
        await WaitForAsync(() => worker.Runs > runs);

        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        Assert.Empty(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Expired_codes_sessions_and_unfinished_enrollments_are_dropped()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        using var me = await tenant.SignInAsync("+15550100001");
        await tenant.StartEnrollmentAsync("+15550100002");

        factory.Clock.Advance(TimeSpan.FromHours(2));
        var report = await PurgeAsync(factory);

        Assert.True(report.Expired >= 4, $"expired {report.Expired}");
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await db.CustomerSessions.ToListAsync(ct));
        Assert.Empty(await db.OtpChallenges.ToListAsync(ct));
        Assert.Empty(await db.EnrollmentSessions.ToListAsync(ct));
        Assert.Single(await db.Customers.ToListAsync(ct));
    }

    [Fact]
    public async Task Retention_settings_are_validated()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var tooLong = await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, null, 2000, null));
        var dormancyPastRetention = await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, 900, 800, null));
        var badPurpose = await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(["advertising"], null, null, null));
        var badFpir = await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, null, null, 0.5));

        foreach (var response in new[] { tooLong, dormancyPastRetention, badPurpose, badFpir })
        {
            await response.ProblemAsync(HttpStatusCode.BadRequest, Problems.InvalidRequest);
        }

        var settings = await (await tenant.Admin.SendGetAsync("/v1/admin/settings")).ReadAsync<SettingsResponse>();
        Assert.Equal((730, 1095, 0.001), (settings.DormancyDays, settings.MaxRetentionDays, settings.TargetFpir));
    }

    internal static async Task<RetentionReport> PurgeAsync(PalmKeyServerFactory factory)
    {
        await using var scope = factory.Services.CreateAsyncScope();
        return await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunAsync(TestContext.Current.CancellationToken);
    }

    private static async Task WaitForAsync(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(25, TestContext.Current.CancellationToken);
        }

        Assert.True(condition(), "Timed out waiting for the retention job.");
    }
}
