using Microsoft.Data.Sqlite;
using PalmKey.Cli.Bench;
using PalmKey.Cli.Hosting;
using PalmKey.Server;
using PalmKey.Storage;

namespace PalmKey.Tests.Commands;

[Collection(nameof(ConsoleRedirection))]
public sealed class ServerCommandTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("palmkey-serve-").FullName;

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task A_fresh_data_folder_gets_a_database_an_owner_only_master_key_and_a_demo_tenant_with_keys_once()
    {
        var first = await SeedAsync();

        Assert.True(first.Secrets.MasterKeyFileCreated);
        Assert.NotNull(first.Secrets.NewOperatorKey);
        Assert.True(first.Demo.IsNew);
        Assert.StartsWith("pka_", first.Demo.AdminKey, StringComparison.Ordinal);
        Assert.StartsWith("pkc_", first.Demo.ActivationCode, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(_folder, PalmKeyDatabase.SqliteFileName)));
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(_folder, LocalServer.MasterKeyFile)));
        }

        // The key hashes are kept, never the keys themselves.
        var text = string.Concat(Directory.GetFiles(_folder, PalmKeyDatabase.SqliteFileName + "*").Select(f => System.Text.Encoding.ASCII.GetString(File.ReadAllBytes(f))));
        Assert.DoesNotContain(first.Demo.AdminKey!, text, StringComparison.Ordinal);
        Assert.DoesNotContain(first.Demo.ActivationCode!, text, StringComparison.Ordinal);

        var second = await SeedAsync();

        Assert.False(second.Secrets.MasterKeyFileCreated);
        Assert.Null(second.Secrets.NewOperatorKey);
        Assert.False(second.Demo.IsNew);
        Assert.Equal(first.Demo.TenantId, second.Demo.TenantId);
    }

    [Fact]
    public async Task Audit_verify_accepts_the_intact_chain_and_names_the_entry_that_was_changed()
    {
        var seeded = await SeedAsync();
        var added = Cli.Run("tenant", "add-key", "--tenant", seeded.Demo.TenantId, "--data", _folder);
        Assert.True(added.ExitCode == 0, added.ToString());
        Assert.StartsWith("pka_", added.Output.Trim(), StringComparison.Ordinal);

        var intact = Cli.Run("audit", "verify", "--data", _folder);
        Assert.True(intact.ExitCode == 0, intact.ToString());
        Assert.StartsWith("audit chain intact: ", intact.Output, StringComparison.Ordinal);

        await using (var connection = new SqliteConnection(PalmKeyDatabase.SqliteConnectionString(_folder)))
        {
            await connection.OpenAsync(TestContext.Current.CancellationToken);
            await using var command = connection.CreateCommand();

            // Someone with write access to the file can drop the append-only triggers; the chain still tells.
            command.CommandText = """
                DROP TRIGGER "AuditEntries_NoUpdate";
                UPDATE "AuditEntries" SET "Actor" = 'someone else' WHERE "Sequence" = 2;
                """;
            await command.ExecuteNonQueryAsync(TestContext.Current.CancellationToken);
        }

        var broken = Cli.Run("audit", "verify", "--data", _folder);
        Assert.Equal(1, broken.ExitCode);
        Assert.StartsWith("audit chain BROKEN at entry 2", broken.Output, StringComparison.Ordinal);
    }

    [Fact]
    public void Tenant_add_key_refuses_an_unknown_tenant()
    {
        var result = Cli.Run("tenant", "add-key", "--tenant", "ten_unknown", "--data", _folder);

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ten_unknown", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Audit_verify_of_a_folder_without_a_database_says_so()
    {
        var result = Cli.Run("audit", "verify", "--data", Path.Combine(_folder, "missing"));

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("no PalmKey database", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Random_templates_are_valid_templates_that_match_like_impostors()
    {
        var random = new Random(5);
        var a = PalmTemplate.FromBytes(RandomTemplates.Create(random));
        var b = PalmTemplate.FromBytes(RandomTemplates.Create(random));

        Assert.Equal(PalmTemplate.SerializedLength, RandomTemplates.Create(random).Length);
        Assert.Equal(100, new PalmMatcher(a).Match(a), 3);
        Assert.True(new PalmMatcher(a).Match(b) < 17.5);
    }

    [Fact]
    public void Bench_http_enrolls_and_identifies_through_the_server_and_reports_a_table()
    {
        var result = Cli.Run("bench-http", "--gallery", "40", "--requests", "4", "--enrollments", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains("Gallery 41 palms x 3 templates", result.Output, StringComparison.Ordinal);
        Assert.Contains("| identify: requests timed (one at a time, after warm-up) | 4 |", result.Output, StringComparison.Ordinal);
        Assert.Contains("| enrolled palms recognized / impostors recognized | 2/2 / 0/2 |", result.Output, StringComparison.Ordinal);
    }

    private async Task<(LocalSecrets Secrets, DemoTenant Demo)> SeedAsync()
    {
        var (app, secrets) = LocalServer.Build(_folder, urls: null);
        await using (app)
        {
            await PalmKeyAdministration.MigrateAsync(app.Services, TestContext.Current.CancellationToken);
            var demo = await PalmKeyAdministration.SeedDemoTenantAsync(app.Services, TestContext.Current.CancellationToken);
            return (secrets, demo);
        }
    }
}
