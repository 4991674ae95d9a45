using System.CommandLine;
using PalmKey.Cli.Hosting;
using PalmKey.Server;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey tenant add-key</c>: makes a new admin key for a tenant of a data folder's database.</summary>
internal static class TenantCommand
{
    public static Command Create()
    {
        var tenant = new Option<string>("--tenant") { Description = "The tenant id, such as ten_0123...", Required = true };
        var data = new Option<string>("--data") { Description = "The data folder of the server.", DefaultValueFactory = _ => "data" };
        var name = new Option<string>("--name") { Description = "A label for the key.", DefaultValueFactory = _ => "added from the command line" };
        var addKey = new Command("add-key", "Make a new admin key for a tenant; it is shown once and stored as a hash.") { tenant, data, name };
        addKey.SetAction(async (parse, cancellationToken) =>
        {
            var (app, _) = LocalServer.Build(parse.GetValue(data)!, urls: null);
            await using (app.ConfigureAwait(false))
            {
                await PalmKeyAdministration.MigrateAsync(app.Services, cancellationToken).ConfigureAwait(false);
                var key = await PalmKeyAdministration.AddAdminKeyAsync(app.Services, parse.GetValue(tenant)!, parse.GetValue(name)!, cancellationToken).ConfigureAwait(false);
                Console.WriteLine(key);
                Console.Error.WriteLine("This key is shown once. Use it as `Authorization: Bearer <key>`.");
            }

            return 0;
        });
        return new Command("tenant", "Tenant administration from the console.") { addKey };
    }
}
