using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Tests;

public sealed class AuditTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Concurrent_appends_form_one_gapless_chain_that_verifies(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var ct = TestContext.Current.CancellationToken;

        await Task.WhenAll(Enumerable.Range(0, 20).Select(async i =>
        {
            await using var db = database.OpenSystem();
            await audit.CommitAsync(db, new AuditRecord(Seed.Start.AddSeconds(i), null, "system", "test.appended", $"ref_{i}"), null, ct);
        }));

        await using var check = database.OpenSystem();
        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), await check.AuditEntries.OrderBy(e => e.Sequence).Select(e => e.Sequence).ToListAsync(ct));
        var result = await AuditVerifier.VerifyAsync(check, ct);
        Assert.True(result.IsIntact, result.Problem);
        Assert.Equal(20, result.EntriesChecked);
        Assert.NotNull(result.HeadHash);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_database_refuses_to_change_or_delete_an_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.OpenSystem();
        await audit.CommitAsync(db, new AuditRecord(Seed.Start, null, "system", "test.appended"), null, ct);

        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "changed"), ct));
        await Assert.ThrowsAnyAsync<Exception>(() => db.AuditEntries.ExecuteDeleteAsync(ct));
        Assert.Equal(1, await db.AuditEntries.CountAsync(ct));
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Verification_finds_the_first_altered_rehashed_or_missing_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var ct = TestContext.Current.CancellationToken;
        await using var db = database.OpenSystem();
        for (var i = 0; i < 8; i++)
        {
            await audit.CommitAsync(db, new AuditRecord(Seed.Start.AddMinutes(i), "ten_x", "system", "test.appended", $"ref_{i}", "cause"), null, ct);
        }

        // Someone with full control of the database drops the triggers first.
        await DropTriggersAsync(db, provider, ct);

        await db.AuditEntries.Where(e => e.Sequence == 5).ExecuteUpdateAsync(s => s.SetProperty(e => e.Detail, "other cause"), ct);
        var altered = await AuditVerifier.VerifyAsync(db, ct);
        Assert.Equal(5, altered.FirstBrokenSequence);
        Assert.Contains("entry 5", altered.Problem, StringComparison.Ordinal);

        // Recomputing the altered entry's own hash moves the break to the next entry.
        var entry = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 5, ct);
        var previous = await db.AuditEntries.AsNoTracking().SingleAsync(e => e.Sequence == 4, ct);
        var rehashed = AuditChain.ComputeHash(previous.Hash, entry);
        await db.AuditEntries.Where(e => e.Sequence == 5).ExecuteUpdateAsync(s => s.SetProperty(e => e.Hash, rehashed), ct);
        Assert.Equal(6, (await AuditVerifier.VerifyAsync(db, ct)).FirstBrokenSequence);

        await db.AuditEntries.Where(e => e.Sequence == 2).ExecuteDeleteAsync(ct);
        var missing = await AuditVerifier.VerifyAsync(db, ct);
        Assert.Equal(2, missing.FirstBrokenSequence);
        Assert.Contains("missing", missing.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_failing_change_leaves_neither_the_change_nor_its_entry(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var audit = new AuditLog();
        var keyring = new TenantKeyring(Seed.Master);
        var tenant = await Seed.TenantAsync(database, keyring);
        var ct = TestContext.Current.CancellationToken;

        await using (var db = database.OpenTenant(tenant))
        {
            db.Sites.Add(new Site { Id = EntityIds.New("site"), TenantId = tenant, Name = "Main", CreatedAt = Seed.Start });
            await Assert.ThrowsAsync<InvalidOperationException>(() => audit.CommitAsync(
                db,
                new AuditRecord(Seed.Start, tenant, "system", "site.created"),
                _ => throw new InvalidOperationException("the change failed"),
                ct));
        }

        await using var check = database.OpenSystem();
        Assert.Empty(await check.Sites.ToListAsync(ct));
        Assert.Empty(await check.AuditEntries.ToListAsync(ct));
    }

    [Fact]
    public void The_canonical_form_is_stable()
    {
        var entry = AuditChain.Seal(new AuditRecord(Seed.Start, "ten_x", "admin:pka_12345678", "customer.deleted", "cus_1", null), 1, AuditChain.Genesis);

        // Computed apart from this code, from the format in AuditChain's documentation. The canonical
        // form is a file format: changing it breaks every stored chain.
        Assert.Equal("eed7182374d36818bcdf5872b1a6b0830edfc920660aff7dbf5aa22de5c3f3f4", Convert.ToHexStringLower(entry.Hash));
    }

    [Fact]
    public void Every_field_is_covered_by_the_hash()
    {
        var record = new AuditRecord(Seed.Start, "ten_x", "system", "customer.deleted", "cus_1", "dormant");
        var hash = AuditChain.Seal(record, 1, AuditChain.Genesis).Hash;

        Assert.NotEqual(hash, AuditChain.Seal(record, 2, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { At = Seed.Start.AddMilliseconds(1) }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { TenantId = null }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { Actor = "operator" }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { Action = "customer.purged" }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { Subject = "cus_2" }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record with { Detail = null }, 1, AuditChain.Genesis).Hash);
        Assert.NotEqual(hash, AuditChain.Seal(record, 1, new byte[32].Select(_ => (byte)1).ToArray()).Hash);

        // Length prefixes keep field boundaries: moving a character between fields changes the hash.
        Assert.NotEqual(
            AuditChain.Seal(record with { Subject = "ab", Detail = "c" }, 1, AuditChain.Genesis).Hash,
            AuditChain.Seal(record with { Subject = "a", Detail = "bc" }, 1, AuditChain.Genesis).Hash);
    }

    internal static async Task DropTriggersAsync(PalmKeyDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_NoUpdate\"; DROP TRIGGER \"AuditEntries_NoDelete\";", ct);
        }
        else
        {
            await db.Database.ExecuteSqlRawAsync("DROP TRIGGER \"AuditEntries_AppendOnly\" ON \"AuditEntries\";", ct);
        }
    }
}
