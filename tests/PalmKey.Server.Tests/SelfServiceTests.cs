using System.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Privacy;

namespace PalmKey.Server.Tests;

public sealed class SelfServiceTests
{
    [Fact]
    public async Task A_customer_sees_their_profile_palms_accounts_and_history()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", TestTenant.Palms(("left", SyntheticPalm.Captures(1)), ("right", SyntheticPalm.Captures(2))));
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("loyalty", "LOY-42-1234"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        await tenant.IdentifyPalmAsync(2);

        using var me = await tenant.SignInAsync("+1 (555) 010-0001");
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();

        Assert.Equal(customerId, profile.CustomerId);
        Assert.Equal("+15550100001", profile.Phone);
        Assert.Equal(["left", "right"], profile.Palms.Select(p => p.Hand));
        Assert.All(profile.Palms, p => Assert.Equal(3, p.Captures));
        Assert.Equal("LOY-42-1234", Assert.Single(profile.LinkedAccounts).Reference);
        Assert.Single(profile.Usage);
        Assert.Null(profile.CancellationRequestedAt);
    }

    [Fact]
    public async Task The_export_holds_all_the_customers_data_and_names_what_it_leaves_out()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory, "Acme Market");
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        await tenant.IdentifyPalmAsync(1);
        using var me = await tenant.SignInAsync("+15550100001");

        var response = await me.SendGetAsync("/v1/me/export");
        var export = await response.ReadAsync<ExportDocument>();

        Assert.Equal("palmkey-export-v1", export.Format);
        Assert.Equal("Acme Market", export.TenantName);
        Assert.Equal(customerId, export.Profile.CustomerId);
        Assert.Equal("+15550100001", export.Profile.Phone);
        Assert.Single(export.Profile.Usage);
        Assert.Contains("face recognition", export.CurrentDisclosure.Text, StringComparison.Ordinal);
        Assert.Contains(export.NotIncluded, n => n.StartsWith("palm templates", StringComparison.Ordinal));
        var audit = await (await tenant.Admin.SendGetAsync("/v1/admin/audit")).ReadAsync<AuditPage>();
        Assert.Contains(audit.Entries, e => e.Action == "customer.exported" && e.Subject == customerId && e.Actor == $"customer:{customerId}");
    }

    [Fact]
    public async Task Deleting_my_palms_removes_them_from_the_index_and_storage_at_once()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        Assert.True((await tenant.IdentifyPalmAsync(1)).Recognized);
        using var me = await tenant.SignInAsync("+15550100001");

        var deleted = await me.SendDeleteAsync("/v1/me/palms");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        Assert.Empty(await db.Palms.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Single(await db.Customers.Where(c => c.Id == customerId).ToListAsync(TestContext.Current.CancellationToken));
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
        Assert.Empty(profile.Palms);
    }

    [Fact]
    public async Task Cancelling_with_an_idempotency_key_deletes_the_account()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100003", palm: 3);
        using var me = await tenant.SignInAsync("+15550100003");

        // The cancellation erases the customer's idempotency records too, the one of this request included.
        var cancelled = await (await me.SendPostAsync("/v1/me/cancel", null, "cancel-1")).ReadAsync<CancelResponse>();

        Assert.Equal("deleted", cancelled.Status);
        Assert.False((await tenant.IdentifyPalmAsync(3)).Recognized);
    }

    [Fact]
    public async Task Cancelling_deletes_every_row_and_ends_the_session()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        var keptId = await tenant.EnrollAsync("+15550100002", palm: 2);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("badge", "B-7"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        await tenant.IdentifyPalmAsync(1);
        using var me = await tenant.SignInAsync("+15550100001");

        var cancelled = await (await me.SendPostAsync("/v1/me/cancel", null)).ReadAsync<CancelResponse>();

        Assert.Equal("deleted", cancelled.Status);
        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        Assert.Equal(keptId, (await tenant.IdentifyPalmAsync(2)).CustomerId);
        await (await me.SendGetAsync("/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await db.Customers.Where(c => c.Id == customerId).ToListAsync(ct));
        Assert.Empty(await db.Palms.Where(c => c.CustomerId == customerId).ToListAsync(ct));
        Assert.Empty(await db.LinkedAccounts.Where(c => c.CustomerId == customerId).ToListAsync(ct));
        Assert.Empty(await db.UsageEvents.Where(c => c.CustomerId == customerId).ToListAsync(ct));
        Assert.Empty(await db.CustomerSessions.Where(c => c.CustomerId == customerId).ToListAsync(ct));
        Assert.Empty(await db.EnrollmentSessions.ToListAsync(ct));
        var entry = await db.AuditEntries.SingleAsync(e => e.Action == CustomerDeletion.CustomerDeleted, ct);
        Assert.Equal(customerId, entry.Subject);
        Assert.Equal(DeletionCauses.SelfService, entry.Detail);
    }

    [Fact]
    public async Task Cancelling_with_outstanding_transactions_deletes_palms_now_and_the_rest_once_settled()
    {
        var outstanding = new SettableOutstandingTransactions();
        await using var factory = await new PalmKeyServerFactory(outstanding: outstanding).StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollAsync("+15550100001", palm: 1);
        outstanding.Set(customerId, new OutstandingTransaction("txn_1", "Checkout of 12.50 pending settlement"));
        using var me = await tenant.SignInAsync("+15550100001");

        var response = await me.SendPostAsync("/v1/me/cancel", null);
        var pending = await response.ReadAsync<CancelResponse>(HttpStatusCode.Accepted);

        Assert.Equal("pending-settlement", pending.Status);
        Assert.Equal("txn_1", Assert.Single(pending.Outstanding).Reference);
        Assert.False((await tenant.IdentifyPalmAsync(1)).Recognized);
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
        Assert.Empty(profile.Palms);
        Assert.NotNull(profile.CancellationRequestedAt);

        await using (var scope = factory.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunAsync(TestContext.Current.CancellationToken);
        }

        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        Assert.Single(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));

        outstanding.Set(customerId);
        await using (var scope = factory.Services.CreateAsyncScope())
        {
            var report = await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunAsync(TestContext.Current.CancellationToken);
            Assert.Equal(1, report.Cancelled);
        }

        Assert.Empty(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Asking_for_a_code_reveals_nothing_about_who_is_enrolled()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        using var anonymous = factory.CreateClient();
        var before = (await (await tenant.Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>()).Count;

        var unknown = await anonymous.SendPostAsync("/v1/me/otp", new OtpRequest(tenant.TenantId, "+15550109999"));
        var noTenant = await anonymous.SendPostAsync("/v1/me/otp", new OtpRequest("ten_0000000000000000000000000a", "+15550100001"));
        var known = await anonymous.SendPostAsync("/v1/me/otp", new OtpRequest(tenant.TenantId, "+15550100001"));

        var bodies = new[] { await unknown.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await noTenant.Content.ReadAsStringAsync(TestContext.Current.CancellationToken), await known.Content.ReadAsStringAsync(TestContext.Current.CancellationToken) };
        Assert.All(new[] { unknown, noTenant, known }, r => Assert.Equal(HttpStatusCode.Accepted, r.StatusCode));
        Assert.Single(bodies.Distinct());
        var after = await (await tenant.Admin.SendGetAsync("/v1/admin/sms-outbox")).ReadAsync<List<OutboxMessage>>();
        Assert.Equal(before + 1, after.Count);
        Assert.Equal("+15550100001", after[^1].To);
    }

    [Fact]
    public async Task A_wrong_code_opens_no_session()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        using var anonymous = factory.CreateClient();
        await anonymous.SendPostAsync("/v1/me/otp", new OtpRequest(tenant.TenantId, "+15550100001"));
        var code = await tenant.LastCodeAsync("+15550100001");

        var wrong = await anonymous.SendPostAsync("/v1/me/session", new SessionRequest(tenant.TenantId, "+15550100001", code == "123456" ? "654321" : "123456"));
        var otherNumber = await anonymous.SendPostAsync("/v1/me/session", new SessionRequest(tenant.TenantId, "+15550109999", code));
        factory.Clock.Advance(TimeSpan.FromMinutes(6));
        var expired = await anonymous.SendPostAsync("/v1/me/session", new SessionRequest(tenant.TenantId, "+15550100001", code));

        await wrong.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeInvalid);
        await otherNumber.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeInvalid);
        await expired.ProblemAsync(HttpStatusCode.UnprocessableEntity, Problems.CodeInvalid);
    }

    [Fact]
    public async Task A_session_expires()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        await tenant.EnrollAsync("+15550100001", palm: 1);
        using var me = await tenant.SignInAsync("+15550100001");

        Assert.Equal(HttpStatusCode.OK, (await me.SendGetAsync("/v1/me")).StatusCode);
        factory.Clock.Advance(TimeSpan.FromMinutes(31));
        await (await me.SendGetAsync("/v1/me")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
    }

    private sealed class SettableOutstandingTransactions : IOutstandingTransactions
    {
        private readonly Dictionary<string, OutstandingTransaction[]> _byCustomer = [];

        public void Set(string customerId, params OutstandingTransaction[] transactions) => _byCustomer[customerId] = transactions;

        public Task<IReadOnlyList<OutstandingTransaction>> ListAsync(string tenantId, string customerId, CancellationToken cancellationToken) =>
            Task.FromResult<IReadOnlyList<OutstandingTransaction>>(_byCustomer.GetValueOrDefault(customerId) ?? []);
    }
}
