using System.Net;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Tests;

public sealed class TenantLifecycleTests
{
    [Fact]
    public async Task Deleting_a_tenant_shreds_its_keys_then_its_rows_and_its_keys_stop_working()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var doomed = await TestTenant.CreateAsync(factory, "Doomed");
        using var other = await TestTenant.CreateAsync(factory, "Other");
        await doomed.EnrollAsync("+15550100001", palm: 1);
        var survivor = await other.EnrollAsync("+15550100001", palm: 2);
        using var operatorClient = factory.ClientWith(PalmKeyServerFactory.OperatorKey);

        var deleted = await operatorClient.SendDeleteAsync($"/v1/operator/tenants/{doomed.TenantId}");
        var again = await operatorClient.SendDeleteAsync($"/v1/operator/tenants/{doomed.TenantId}");

        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        await again.ProblemAsync(HttpStatusCode.NotFound, Problems.NotFound);
        await (await doomed.Admin.SendGetAsync("/v1/admin/settings")).ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        await (await doomed.IdentifyPalmAsync(1, "checkout", null)).ProblemAsync(HttpStatusCode.Unauthorized, Problems.DeviceUnknown);
        Assert.Equal(survivor, (await other.IdentifyPalmAsync(2)).CustomerId);
        Assert.False((await other.IdentifyPalmAsync(1)).Recognized);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateSystem();
        var ct = TestContext.Current.CancellationToken;
        Assert.Empty(await db.DataKeys.Where(k => k.TenantId == doomed.TenantId).ToListAsync(ct));
        Assert.Empty(await db.Customers.Where(c => c.TenantId == doomed.TenantId).ToListAsync(ct));
        Assert.Empty(await db.Palms.Where(c => c.TenantId == doomed.TenantId).ToListAsync(ct));
        Assert.Empty(await db.ApiKeys.Where(c => c.TenantId == doomed.TenantId).ToListAsync(ct));
        Assert.Empty(await db.Tenants.Where(c => c.Id == doomed.TenantId).ToListAsync(ct));
        var trail = await db.AuditEntries.Where(e => e.Subject == doomed.TenantId && e.TenantId == null).OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(ct);
        Assert.Equal(["tenant.keys-destroyed", "tenant.deleted"], trail);
    }

    [Fact]
    public async Task Rotating_the_data_key_keeps_everything_readable_and_destroys_the_old_key()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);
        var customerId = await tenant.EnrollWithCardAsync("+15550100001", palm: 1);
        await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("ticket", "tixly:T-1"))).ReadAsync<LinkedAccountResponse>(HttpStatusCode.Created);
        var secret = await tenant.IntegrateAsync("https://example.com/hooks");

        var rotation = await (await tenant.Admin.SendPostAsync("/v1/admin/data-keys/rotate", null)).ReadAsync<RotationResponse>();

        Assert.Single(rotation.RetiredKeyIds);
        Assert.Equal(5, rotation.RowsRewritten);
        Assert.Equal(customerId, (await tenant.IdentifyPalmAsync(1)).CustomerId);

        // The card token and the signing secret were rewritten too: payments and webhooks still work.
        Assert.Equal("approved", (await (await tenant.CheckoutAsync(1, 0, 100, "order-1")).ReadAsync<CheckoutResponse>()).Outcome);
        await using (var system = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId))
        {
            var tenantRow = await system.Tenants.SingleAsync(TestContext.Current.CancellationToken);
            var keys = await factory.Service<Storage.Crypto.TenantKeyring>().GetAsync(system, tenant.TenantId, TestContext.Current.CancellationToken);
            Assert.Equal(secret, keys.DecryptText(tenantRow.WebhookSecretCipher!, tenant.TenantId, Storage.Crypto.FieldContext.WebhookSecret));
        }

        using var me = await tenant.SignInAsync("+15550100001");
        var profile = await (await me.SendGetAsync("/v1/me")).ReadAsync<ProfileResponse>();
        Assert.Equal("+15550100001", profile.Phone);
        Assert.Equal("tixly:T-1", Assert.Single(profile.LinkedAccounts).Reference);
        await using var db = factory.Service<PalmKeyDbFactory>().CreateForTenant(tenant.TenantId);
        Assert.Equal([rotation.ActiveKeyId], await db.DataKeys.Select(k => k.Id).ToListAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task Admins_manage_sites_devices_and_keys()
    {
        await using var factory = await new PalmKeyServerFactory().StartAsync();
        using var tenant = await TestTenant.CreateAsync(factory);

        var site = await (await tenant.Admin.SendPostAsync("/v1/admin/sites", new SiteRequest("Airport"))).ReadAsync<SiteResponse>(HttpStatusCode.Created);
        var renamed = await (await tenant.Admin.SendPutAsync($"/v1/admin/sites/{site.SiteId}", new SiteRequest("Airport T2"))).ReadAsync<SiteResponse>();
        var inUse = await tenant.Admin.SendDeleteAsync($"/v1/admin/sites/{tenant.SiteId}");
        var removed = await tenant.Admin.SendDeleteAsync($"/v1/admin/sites/{site.SiteId}");
        var key = await (await tenant.Admin.SendPostAsync("/v1/admin/api-keys", new ApiKeyRequest("ops"))).ReadAsync<ApiKeyCreatedResponse>(HttpStatusCode.Created);
        using var second = factory.ClientWith(key.Secret);
        var works = await second.SendGetAsync("/v1/admin/settings");
        var revoked = await tenant.Admin.SendDeleteAsync($"/v1/admin/api-keys/{key.Key.KeyId}");
        var afterRevoke = await second.SendGetAsync("/v1/admin/settings");
        var keys = await (await tenant.Admin.SendGetAsync("/v1/admin/api-keys")).ReadAsync<List<ApiKeyResponse>>();

        Assert.Equal("Airport T2", renamed.Name);
        await inUse.ProblemAsync(HttpStatusCode.Conflict, Problems.SiteInUse);
        Assert.Equal(HttpStatusCode.NoContent, removed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, works.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        await afterRevoke.ProblemAsync(HttpStatusCode.Unauthorized, Problems.Unauthorized);
        Assert.Equal(key.Key.Prefix, key.Secret[..12]);
        Assert.DoesNotContain(keys, k => k.Prefix.Length > 12);
        Assert.Equal(["admin", "admin"], keys.Select(k => k.Kind));
    }
}
