using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace PalmKey.Storage;

/// <summary>Configures the provider and brings a database to the current schema.</summary>
public static class PalmKeyDatabase
{
    /// <summary>The SQLite file name inside a data folder.</summary>
    public const string SqliteFileName = "palmkey.db";

    /// <summary>Points a context at SQLite or PostgreSQL.</summary>
    /// <param name="builder">The options to configure.</param>
    /// <param name="provider">The engine.</param>
    /// <param name="connectionString">Its connection string.</param>
    /// <returns>The same builder.</returns>
    public static DbContextOptionsBuilder Configure(DbContextOptionsBuilder builder, DatabaseProvider provider, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrEmpty(connectionString);
        return provider switch
        {
            DatabaseProvider.Sqlite => builder.UseSqlite(connectionString).AddInterceptors(new SqliteConnectionSetup()),
            DatabaseProvider.Postgres => builder.UseNpgsql(connectionString),
            _ => throw new ArgumentOutOfRangeException(nameof(provider), provider, "Unknown database provider."),
        };
    }

    /// <summary>The connection string of the SQLite database in a data folder.</summary>
    /// <param name="dataDirectory">The folder.</param>
    /// <returns>A connection string.</returns>
    public static string SqliteConnectionString(string dataDirectory) =>
        new SqliteConnectionStringBuilder { DataSource = Path.Combine(Path.GetFullPath(dataDirectory), SqliteFileName) }.ToString();

    /// <summary>
    /// Applies every migration the database lacks, creating it where needed; on SQLite it also turns on
    /// write-ahead logging. Safe to call at every start.
    /// </summary>
    /// <param name="db">A context.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task.</returns>
    public static async Task MigrateAsync(PalmKeyDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        await db.Database.MigrateAsync(cancellationToken).ConfigureAwait(false);
        if (db.Database.IsSqlite())
        {
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL;", cancellationToken).ConfigureAwait(false);
        }
    }
}
