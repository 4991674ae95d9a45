using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Tests;

public sealed class TenantIsolationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_tenant_scope_sees_only_its_own_rows_in_every_table(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var a = await Seed.TenantAsync(database, keyring, "A");
        var b = await Seed.TenantAsync(database, keyring, "B");
        await Seed.CustomerAsync(database, keyring, a, "+15550100001");
        var other = await Seed.CustomerAsync(database, keyring, b, "+15550100002");
        var ct = TestContext.Current.CancellationToken;

        await using var db = database.OpenTenant(a);

        Assert.Equal([a], await db.Tenants.Select(t => t.Id).ToListAsync(ct));
        Assert.All(await db.DataKeys.ToListAsync(ct), k => Assert.Equal(a, k.TenantId));
        Assert.Single(await db.Customers.ToListAsync(ct));
        Assert.Single(await db.Palms.ToListAsync(ct));
        Assert.Single(await db.LinkedAccounts.ToListAsync(ct));
        Assert.Single(await db.UsageEvents.ToListAsync(ct));
        Assert.Single(await db.CustomerSessions.ToListAsync(ct));
        Assert.Null(await db.Customers.FirstOrDefaultAsync(c => c.Id == other.Id, ct));
        Assert.Null(await db.Customers.FindAsync([other.Id], ct));
        Assert.Equal(0, await db.Palms.Where(p => p.CustomerId == other.Id).ExecuteDeleteAsync(ct));

        await using var system = database.OpenSystem();
        Assert.Equal(2, await system.Palms.CountAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_scope_that_entered_no_tenant_sees_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var a = await Seed.TenantAsync(database, keyring);
        await Seed.CustomerAsync(database, keyring, a, "+15550100001");

        await using var db = database.Open(new TenantScope());

        Assert.Empty(await db.Tenants.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.Customers.ToListAsync(TestContext.Current.CancellationToken));
        Assert.Empty(await db.Palms.ToListAsync(TestContext.Current.CancellationToken));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Saving_a_row_of_another_tenant_throws(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var a = await Seed.TenantAsync(database, keyring, "A");
        var b = await Seed.TenantAsync(database, keyring, "B");

        await using var db = database.OpenTenant(a);
        db.Sites.Add(new Site { Id = EntityIds.New("site"), TenantId = b, Name = "Not mine", CreatedAt = Seed.Start });

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync(TestContext.Current.CancellationToken));
    }

    [Fact]
    public void A_scope_cannot_change_tenant()
    {
        var scope = new TenantScope();
        scope.EnterTenant("ten_a");

        Assert.Throws<InvalidOperationException>(() => scope.EnterTenant("ten_b"));
        Assert.Throws<InvalidOperationException>(scope.EnterSystem);
    }
}
