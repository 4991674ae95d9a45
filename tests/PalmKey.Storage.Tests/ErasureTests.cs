using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;

namespace PalmKey.Storage.Tests;

public sealed class ErasureTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Erasing_a_customer_deletes_all_their_rows_and_nobody_elses(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var gone = await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var kept = await Seed.CustomerAsync(database, keyring, tenant, "+15550100002");
        var ct = TestContext.Current.CancellationToken;

        await using (var db = database.OpenTenant(tenant))
        {
            Assert.True(await CustomerErasure.EraseCustomerAsync(db, gone.Id, ct));
            Assert.False(await CustomerErasure.EraseCustomerAsync(db, gone.Id, ct));
        }

        await using var check = database.OpenSystem();
        Assert.Equal([kept.Id], await check.Customers.Select(c => c.Id).ToListAsync(ct));
        Assert.Equal([kept.Id], await check.Palms.Select(p => p.CustomerId).ToListAsync(ct));
        Assert.Equal([kept.Id], await check.LinkedAccounts.Select(p => p.CustomerId).ToListAsync(ct));
        Assert.Equal([kept.Id], await check.UsageEvents.Select(p => p.CustomerId).ToListAsync(ct));
        Assert.Equal([kept.Id], await check.CustomerSessions.Select(p => p.CustomerId).ToListAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Erasing_a_customers_palms_keeps_the_account(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var customer = await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var ct = TestContext.Current.CancellationToken;

        await using var db = database.OpenTenant(tenant);
        Assert.Equal(1, await CustomerErasure.ErasePalmsAsync(db, customer.Id, ct));

        Assert.Empty(await db.Palms.ToListAsync(ct));
        Assert.Single(await db.Customers.ToListAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Deleting_a_tenant_destroys_its_keys_so_copies_of_its_data_stay_unreadable(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var keyring = new TenantKeyring(Seed.Master);
        var doomed = await Seed.TenantAsync(database, keyring, "Doomed");
        var other = await Seed.TenantAsync(database, keyring, "Other");
        var customer = await Seed.CustomerAsync(database, keyring, doomed, "+15550100001");
        await Seed.CustomerAsync(database, keyring, other, "+15550100001");
        var ct = TestContext.Current.CancellationToken;
        byte[] stolenCopy;
        string stolenKeyId;
        await using (var db = database.OpenTenant(doomed))
        {
            stolenCopy = (await db.Customers.SingleAsync(ct)).PhoneCipher;
            stolenKeyId = (await db.DataKeys.SingleAsync(ct)).Id;
        }

        await using (var db = database.OpenSystem())
        {
            Assert.True(await TenantErasure.EraseAsync(db, audit, keyring, doomed, "operator", Seed.Start.AddDays(1), ct));
        }

        await using var check = database.OpenSystem();
        Assert.Equal([other], await check.Tenants.Select(t => t.Id).ToListAsync(ct));
        Assert.DoesNotContain(await check.DataKeys.Select(k => k.TenantId).ToListAsync(ct), id => id == doomed);
        Assert.Single(await check.Customers.ToListAsync(ct));
        Assert.Single(await check.Palms.ToListAsync(ct));
        await using (var db = database.OpenTenant(doomed))
        {
            await Assert.ThrowsAsync<DataKeyUnavailableException>(() => new TenantKeyring(Seed.Master).GetAsync(db, doomed, ct));
        }

        Assert.Equal(stolenKeyId, FieldCipher.KeyIdOf(stolenCopy));
        Assert.Equal(["tenant.keys-destroyed", "tenant.deleted"], await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Action).ToListAsync(ct));
        Assert.Equal(customer.TenantId, doomed);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_deletion_interrupted_after_shredding_is_finished_at_the_next_start(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var ct = TestContext.Current.CancellationToken;
        await using (var db = database.OpenSystem())
        {
            await db.Tenants.Where(t => t.Id == tenant).ExecuteUpdateAsync(s => s.SetProperty(t => t.DeletionStartedAt, Seed.Start), ct);
            await db.DataKeys.ExecuteDeleteAsync(ct);
        }

        await using (var db = database.OpenSystem())
        {
            Assert.Equal(1, await TenantErasure.ResumeAsync(db, audit, Seed.Start, ct));
        }

        await using var check = database.OpenSystem();
        Assert.Empty(await check.Tenants.ToListAsync(ct));
        Assert.Empty(await check.Customers.ToListAsync(ct));
        Assert.Empty(await check.Palms.ToListAsync(ct));
    }
}
