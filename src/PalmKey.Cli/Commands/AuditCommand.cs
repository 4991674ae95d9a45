using System.CommandLine;
using Microsoft.EntityFrameworkCore;
using PalmKey.Storage;
using PalmKey.Storage.Audit;

namespace PalmKey.Cli.Commands;

/// <summary>
/// <c>palmkey audit verify</c>: recomputes the audit hash chain of a database and reports the first
/// broken link (exit code 1) or the head hash of an intact chain (exit code 0). Needs no master key.
/// </summary>
internal static class AuditCommand
{
    public static Command Create()
    {
        var data = new Option<string?>("--data") { Description = "The data folder of a SQLite server (default: data)." };
        var connection = new Option<string?>("--connection") { Description = "A database connection string, instead of --data." };
        var provider = new Option<DatabaseProvider>("--provider") { Description = "The engine of --connection: Postgres or Sqlite.", DefaultValueFactory = _ => DatabaseProvider.Postgres };
        var verify = new Command("verify", "Check that no audit entry was changed, removed or inserted.") { data, connection, provider };
        verify.Validators.Add(result =>
        {
            if (result.GetValue(data) is not null && result.GetValue(connection) is not null)
            {
                result.AddError("Give --data or --connection, not both.");
            }
        });
        verify.SetAction(async (parse, cancellationToken) =>
        {
            var (engine, connectionString) = parse.GetValue(connection) is { } given
                ? (parse.GetValue(provider), given)
                : (DatabaseProvider.Sqlite, SqliteDatabase(parse.GetValue(data) ?? "data"));
            var options = new DbContextOptionsBuilder<PalmKeyDbContext>();
            PalmKeyDatabase.Configure(options, engine, connectionString);
            var scope = new TenantScope();
            scope.EnterSystem();
            await using var db = new PalmKeyDbContext(options.Options, scope);
            var result = await AuditVerifier.VerifyAsync(db, cancellationToken).ConfigureAwait(false);
            if (!result.IsIntact)
            {
                Console.WriteLine($"audit chain BROKEN at entry {result.FirstBrokenSequence}: {result.Problem}");
                return 1;
            }

            Console.WriteLine($"audit chain intact: {result.EntriesChecked} entries; head hash {result.HeadHash ?? "(empty log)"}");
            return 0;
        });
        return new Command("audit", "The audit log.") { verify };
    }

    private static string SqliteDatabase(string folder)
    {
        var file = Path.Combine(Path.GetFullPath(folder), PalmKeyDatabase.SqliteFileName);
        if (!File.Exists(file))
        {
            throw new FileNotFoundException($"There is no PalmKey database at {file}.", file);
        }

        return PalmKeyDatabase.SqliteConnectionString(folder);
    }
}
