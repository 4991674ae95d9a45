using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Hosting;
using PalmKey.Cli.Hosting;
using PalmKey.Server;

namespace PalmKey.Cli.Commands;

/// <summary>
/// <c>palmkey serve</c>: runs the server on a SQLite database in a data folder (or PostgreSQL by
/// configuration), makes a demo tenant on first start, and prints the URL and its keys.
/// </summary>
internal static class ServeCommand
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen.", DefaultValueFactory = _ => DefaultUrls };
        var data = new Option<string>("--data") { Description = "The data folder: the SQLite database and, for a demo, its keys.", DefaultValueFactory = _ => "data" };
        var command = new Command("serve", "Run the PalmKey server; the first start makes a demo tenant and prints its keys.") { urls, data };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var watch = Stopwatch.StartNew();
            var folder = parse.GetValue(data)!;
            var (app, secrets) = LocalServer.Build(folder, parse.GetValue(urls));
            await using (app.ConfigureAwait(false))
            {
                if (secrets.MasterKeyFileCreated)
                {
                    Console.Error.WriteLine($"palmkey: made a demo master key in {secrets.MasterKeyFile}. Production must give the master key through PalmKey:MasterKey or PALMKEY_MASTER_KEY from a secret store: whoever holds that file can read every tenant's data.");
                }
                else if (secrets.MasterKeyFile is not null)
                {
                    Console.Error.WriteLine($"palmkey: using the demo master key in {secrets.MasterKeyFile}; production must give it through PALMKEY_MASTER_KEY instead.");
                }

                await app.StartAsync(cancellationToken).ConfigureAwait(false);
                var demo = await PalmKeyAdministration.SeedDemoTenantAsync(app.Services, cancellationToken).ConfigureAwait(false);
                await PalmKeyAdministration.WaitUntilReadyAsync(app.Services, cancellationToken).ConfigureAwait(false);
                Print(app, demo, secrets, folder, watch.Elapsed);
                await app.WaitForShutdownAsync(cancellationToken).ConfigureAwait(false);
            }

            return 0;
        });
        return command;
    }

    private static void Print(WebApplication app, DemoTenant demo, LocalSecrets secrets, string folder, TimeSpan elapsed)
    {
        var url = app.Urls.FirstOrDefault() ?? DefaultUrls;
        var output = Console.Out;
        output.WriteLine();
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"PalmKey is ready at {url} (started in {elapsed.TotalSeconds:F1} s)"));
        output.WriteLine($"  API document: {url}/openapi/v1.json   health: {url}/health/ready");
        output.WriteLine($"  Pages: kiosk {url}/kiosk/   portal {url}/portal/   console {url}/console/");
        if (demo.IsNew)
        {
            output.WriteLine($"  Demo tenant {demo.TenantId} ({demo.Name}), site {demo.SiteId}, device {demo.DeviceId}");
            output.WriteLine($"  Admin key:    {demo.AdminKey}");
            output.WriteLine($"  Device activation code (one use, 24 h): {demo.ActivationCode}");
            output.WriteLine($"    palmkey device provision --server {url} --code {demo.ActivationCode} --identity scanner.json");
        }
        else
        {
            output.WriteLine($"  Tenant {demo.TenantId} ({demo.Name}): its keys were printed when it was made and are stored only as hashes.");
            output.WriteLine($"  A new admin key: palmkey tenant add-key --tenant {demo.TenantId} --data {folder}");
        }

        if (secrets.NewOperatorKey is not null)
        {
            output.WriteLine($"  Operator key: {secrets.NewOperatorKey}");
        }

        if (demo.IsNew || secrets.NewOperatorKey is not null)
        {
            output.WriteLine("  These keys are shown once. Use them as `Authorization: Bearer <key>`; devices sign their requests instead (docs/protocol.md).");
        }

        output.WriteLine("  Stop with Ctrl+C.");
    }
}
