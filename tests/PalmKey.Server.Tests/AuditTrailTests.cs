using System.Net;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage.Audit;

namespace PalmKey.Server.Tests;

public sealed class AuditTrailTests
{
    [Fact]
    public async Task Admin_actions_data_access_and_deletions_are_in_a_chain_that_verifies_and_holds_no_personal_data()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        await (await tenant.Admin.SendGetAsync($"/v1/admin/customers/{customerId}")).ReadAsync<AdminCustomerView>();
        await (await tenant.Admin.SendPutAsync("/v1/admin/settings", new SettingsRequest(null, 500, null, null))).ReadAsync<SettingsResponse>();
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin.SendDeleteAsync($"/v1/admin/customers/{customerId}")).StatusCode);

        var page = await (await tenant.Admin.SendGetAsync("/v1/admin/audit")).ReadAsync<AuditPage>();

        var actions = page.Entries.Select(e => e.Action).ToList();
        Assert.Equal(["tenant.created", "site.created", "device.registered", "device.activated", "customer.enrolled", "customer.viewed", "settings.changed", "customer.deleted"], actions);
        var adminActor = $"admin:{tenant.AdminKey[..12]}";
        Assert.Equal(adminActor, page.Entries.Single(e => e.Action == "customer.viewed").Actor);
        Assert.Equal($"device:{tenant.DeviceId}", page.Entries.Single(e => e.Action == "customer.enrolled").Actor);
        Assert.Equal(("admin", customerId), page.Entries.Where(e => e.Action == "customer.deleted").Select(e => (e.Detail, e.Subject)).Single());
        Assert.DoesNotContain(page.Entries, e => $"{e.Subject}{e.Detail}{e.Actor}".Contains("0100001", StringComparison.Ordinal));
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var verification = await AuditVerifier.VerifyAsync(db, TestContext.Current.CancellationToken);
        Assert.True(verification.IsIntact, verification.Problem);
        Assert.Equal(page.Entries[^1].Hash, verification.HeadHash);
    }

    [Fact]
    public async Task Tampering_with_the_servers_audit_log_is_detected()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        Assert.Equal(HttpStatusCode.NoContent, (await tenant.Admin.SendDeleteAsync($"/v1/admin/customers/{customerId}")).StatusCode);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var ct = TestContext.Current.CancellationToken;
        var deletion = await db.AuditEntries.SingleAsync(e => e.Action == "customer.deleted", ct);

        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.Where(e => e.Sequence == deletion.Sequence).ExecuteDeleteAsync(ct));
        await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_NoUpdate\"", ct);
        await db.AuditEntries.Where(e => e.Sequence == deletion.Sequence).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "dormant"), ct);

        var verification = await AuditVerifier.VerifyAsync(db, ct);
        Assert.False(verification.IsIntact);
        Assert.Equal(deletion.Sequence, verification.FirstBrokenSequence);
    }
}
