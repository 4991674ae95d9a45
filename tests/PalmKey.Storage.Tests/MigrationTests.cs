using System.Data.Common;
using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage.Tests;

public sealed class MigrationTests
{
    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task The_model_has_no_changes_pending_against_the_migrations(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider, migrate: false);
        await using var db = database.OpenSystem();

        Assert.False(db.Database.HasPendingModelChanges(), "The model differs from the migrations' snapshot: add a migration.");
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrating_an_empty_database_creates_every_table_and_column_the_model_expects(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.OpenSystem();
        var ct = TestContext.Current.CancellationToken;

        Assert.Empty(await db.Database.GetPendingMigrationsAsync(ct));
        var columns = await ReadColumnsAsync(db, provider, ct);
        foreach (var entity in db.Model.GetEntityTypes())
        {
            var table = entity.GetTableName()!;
            Assert.True(columns.ContainsKey(table), $"Table {table} is missing.");
            foreach (var property in entity.GetProperties())
            {
                Assert.Contains(property.GetColumnName(), columns[table]);
            }
        }
    }

    [Theory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task Migrating_again_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.OpenSystem();

        await PalmKeyDatabase.MigrateAsync(db, TestContext.Current.CancellationToken);

        Assert.Equal(db.Database.GetMigrations(), await db.Database.GetAppliedMigrationsAsync(TestContext.Current.CancellationToken));
    }

    private static async Task<Dictionary<string, HashSet<string>>> ReadColumnsAsync(PalmKeyDbContext db, DatabaseProvider provider, CancellationToken ct)
    {
        var sql = provider == DatabaseProvider.Sqlite
            ? "SELECT m.name, p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p WHERE m.type = 'table'"
            : "SELECT table_name, column_name FROM information_schema.columns WHERE table_schema = 'public'";
        var connection = db.Database.GetDbConnection();
        await connection.OpenAsync(ct);
        await using DbCommand command = connection.CreateCommand();
        command.CommandText = sql;
        var result = new Dictionary<string, HashSet<string>>();
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var table = reader.GetString(0);
            if (!result.TryGetValue(table, out var set))
            {
                result[table] = set = [];
            }

            set.Add(reader.GetString(1));
        }

        return result;
    }
}
