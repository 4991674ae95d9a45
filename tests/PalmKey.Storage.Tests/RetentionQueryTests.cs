using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Tests;

public sealed class RetentionQueryTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Dormancy_counts_from_the_last_identification_or_else_from_enrollment(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var neverUsed = await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var usedLongAgo = await Seed.CustomerAsync(database, keyring, tenant, "+15550100002");
        var usedRecently = await Seed.CustomerAsync(database, keyring, tenant, "+15550100003");
        var enrolledRecently = await Seed.CustomerAsync(database, keyring, tenant, "+15550100004", Seed.Start.AddDays(100));
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.OpenTenant(tenant);
        await db.Customers.Where(c => c.Id == usedLongAgo.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastIdentifiedAt, Seed.Start.AddDays(10)), ct);
        await db.Customers.Where(c => c.Id == usedRecently.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastIdentifiedAt, Seed.Start.AddDays(200)), ct);

        var dormant = await RetentionQueries.DormantCustomersAsync(db, Seed.Start.AddDays(50), 100, ct);

        Assert.Equal(new[] { neverUsed.Id, usedLongAgo.Id }.Order(StringComparer.Ordinal), dormant);
        Assert.DoesNotContain(enrolledRecently.Id, dormant);
        Assert.Single(await RetentionQueries.DormantCustomersAsync(db, Seed.Start.AddDays(50), 1, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Retention_counts_from_the_last_interaction_of_any_kind(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var idle = await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var active = await Seed.CustomerAsync(database, keyring, tenant, "+15550100002");
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.OpenTenant(tenant);
        await db.Customers.Where(c => c.Id == active.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.LastInteractionAt, Seed.Start.AddDays(1000)), ct);

        Assert.Equal([idle.Id], await RetentionQueries.RetentionExpiredCustomersAsync(db, Seed.Start.AddDays(500), 100, ct));
        Assert.Empty(await RetentionQueries.PendingCancellationsAsync(db, 100, ct));
        await db.Customers.Where(c => c.Id == active.Id).ExecuteUpdateAsync(s => s.SetProperty(c => c.CancellationRequestedAt, Seed.Start), ct);
        Assert.Equal([active.Id], await RetentionQueries.PendingCancellationsAsync(db, 100, ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Expired_sessions_codes_and_old_log_rows_are_deleted(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        await Seed.CustomerAsync(database, keyring, tenant, "+15550100001");
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.OpenTenant(tenant);
        db.OtpChallenges.Add(new OtpChallenge { Id = EntityIds.New("otp"), TenantId = tenant, PhoneHash = [1], KeyId = "dk_x", CodeHash = [2], CreatedAt = Seed.Start, ExpiresAt = Seed.Start.AddMinutes(5) });
        db.IdentificationAttempts.Add(new IdentificationAttempt { TenantId = tenant, At = Seed.Start, SiteId = "site_x", DeviceId = "dev_x", Purpose = Purposes.Entry, Outcome = IdentificationOutcome.NotRecognized });
        db.IdentificationAttempts.Add(new IdentificationAttempt { TenantId = tenant, At = Seed.Start.AddDays(2), SiteId = "site_x", DeviceId = "dev_x", Purpose = Purposes.Entry, Outcome = IdentificationOutcome.Recognized });
        await db.SaveChangesAsync(ct);

        Assert.Equal(0, await RetentionQueries.DeleteExpiredAsync(db, Seed.Start.AddMinutes(1), Seed.Start.AddDays(-1), ct));
        Assert.Equal(3, await RetentionQueries.DeleteExpiredAsync(db, Seed.Start.AddHours(1), Seed.Start.AddDays(1), ct));

        Assert.Empty(await db.CustomerSessions.ToListAsync(ct));
        Assert.Empty(await db.OtpChallenges.ToListAsync(ct));
        Assert.Single(await db.IdentificationAttempts.ToListAsync(ct));
    }
}
