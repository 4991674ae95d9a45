using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace PalmKey.Storage.Tests;

/// <summary>
/// A fresh, empty database for one test: a SQLite file in a temporary folder, or a new database in
/// the PostgreSQL server named by <c>PALMKEY_TEST_POSTGRES</c> (./test.sh starts one). Where that
/// variable is unset, PostgreSQL tests skip with a message saying so.
/// </summary>
internal sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "PALMKEY_TEST_POSTGRES";

    private readonly string? _folder;
    private readonly string? _adminConnectionString;
    private readonly string? _databaseName;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? folder, string? adminConnectionString, string? databaseName)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _folder = folder;
        _adminConnectionString = adminConnectionString;
        _databaseName = databaseName;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>The SQLite file, or null for PostgreSQL.</summary>
    public string? SqliteFile => _folder is null ? null : Path.Combine(_folder, PalmKeyDatabase.SqliteFileName);

    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider, bool migrate = true)
    {
        TestDatabase database;
        if (provider == DatabaseProvider.Sqlite)
        {
            var folder = Directory.CreateTempSubdirectory("palmkey-storage-").FullName;
            database = new TestDatabase(provider, PalmKeyDatabase.SqliteConnectionString(folder), folder, null, null);
        }
        else
        {
            var admin = Environment.GetEnvironmentVariable(PostgresVariable);
            if (string.IsNullOrEmpty(admin))
            {
                // CI must run both databases; only a developer's plain `dotnet test` may skip.
                if (!string.IsNullOrEmpty(Environment.GetEnvironmentVariable("CI")))
                {
                    Assert.Fail($"{PostgresVariable} is not set in CI, so the PostgreSQL tests cannot run; ./test.sh starts PostgreSQL 15 and sets it.");
                }

                Assert.Skip($"{PostgresVariable} is not set, so the PostgreSQL half of this test is skipped. ./test.sh starts a PostgreSQL 15 server and sets it.");
            }

            var name = "pk_" + Guid.NewGuid().ToString("N");
            var adminConnection = new NpgsqlConnection(admin);
            await using (adminConnection.ConfigureAwait(false))
            {
                await adminConnection.OpenAsync(TestContext.Current.CancellationToken);
                var command = new NpgsqlCommand($"CREATE DATABASE {name}", adminConnection);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
                }
            }

            var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ToString();
            database = new TestDatabase(provider, connectionString, null, admin, name);
        }

        if (migrate)
        {
            await using var db = database.OpenSystem();
            await PalmKeyDatabase.MigrateAsync(db, TestContext.Current.CancellationToken);
        }

        return database;
    }

    public PalmKeyDbContext Open(TenantScope scope)
    {
        var options = new DbContextOptionsBuilder<PalmKeyDbContext>();
        PalmKeyDatabase.Configure(options, Provider, ConnectionString);
        return new PalmKeyDbContext(options.Options, scope);
    }

    public PalmKeyDbContext OpenSystem()
    {
        var scope = new TenantScope();
        scope.EnterSystem();
        return Open(scope);
    }

    public PalmKeyDbContext OpenTenant(string tenantId)
    {
        var scope = new TenantScope();
        scope.EnterTenant(tenantId);
        return Open(scope);
    }

    public async ValueTask DisposeAsync()
    {
        if (_folder is not null)
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(_folder, recursive: true);
        }
        else
        {
            NpgsqlConnection.ClearAllPools();
            var adminConnection = new NpgsqlConnection(_adminConnectionString);
            await using (adminConnection.ConfigureAwait(false))
            {
                await adminConnection.OpenAsync();
                var command = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_databaseName} WITH (FORCE)", adminConnection);
                await using (command.ConfigureAwait(false))
                {
                    await command.ExecuteNonQueryAsync();
                }
            }
        }
    }
}
