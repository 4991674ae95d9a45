using System.Security.Cryptography;
using System.Text;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using PalmKey.Server;
using PalmKey.Storage.Crypto;

namespace PalmKey.Cli.Hosting;

/// <summary>
/// Builds the PalmKey server for a data folder, as <c>palmkey serve</c> and the console commands run
/// it. Configuration comes first from the environment (<c>PalmKey__...</c>, <c>PALMKEY_MASTER_KEY</c>)
/// and the command line; for a zero-setup demo only, a master key and an operator key hash that
/// configuration lacks are kept in the data folder, which the repository ignores.
/// </summary>
internal static class LocalServer
{
    public const string MasterKeyFile = "master.key";
    public const string OperatorKeyHashFile = "operator-key.sha256";

    public static (WebApplication App, LocalSecrets Secrets) Build(string dataDirectory, string? urls, IEnumerable<KeyValuePair<string, string?>>? settings = null)
    {
        var data = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(data);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(PalmKeyServerExtensions).Assembly.GetName().Name,
            ContentRootPath = Directory.GetCurrentDirectory(),
            Args = [],
        });
        var values = new Dictionary<string, string?> { ["PalmKey:DataDirectory"] = data };
        foreach (var (key, value) in settings ?? [])
        {
            values[key] = value;
        }

        var secrets = new LocalSecrets();
        if (string.IsNullOrWhiteSpace(builder.Configuration["PalmKey:MasterKey"])
            && string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable("PALMKEY_MASTER_KEY"))
            && !values.ContainsKey("PalmKey:MasterKey"))
        {
            (values["PalmKey:MasterKey"], secrets.MasterKeyFileCreated) = ReadOrCreateMasterKey(Path.Combine(data, MasterKeyFile));
            secrets.MasterKeyFile = Path.Combine(data, MasterKeyFile);
        }

        if (string.IsNullOrWhiteSpace(builder.Configuration["PalmKey:OperatorKeyHash"]) && !values.ContainsKey("PalmKey:OperatorKeyHash"))
        {
            (values["PalmKey:OperatorKeyHash"], secrets.NewOperatorKey) = ReadOrCreateOperatorKeyHash(Path.Combine(data, OperatorKeyHashFile));
        }

        builder.Configuration.AddInMemoryCollection(values);
        if (urls is not null)
        {
            builder.WebHost.UseUrls(urls);
        }

        builder.AddPalmKeyServer();
        var app = builder.Build();
        app.MapPalmKeyServer();
        return (app, secrets);
    }

    private static (string Key, bool Created) ReadOrCreateMasterKey(string path)
    {
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), false);
        }

        var key = MasterKey.Generate().ToBase64();
        WriteOwnerOnly(path, key + "\n");
        return (key, true);
    }

    private static (string Hash, string? NewKey) ReadOrCreateOperatorKeyHash(string path)
    {
        if (File.Exists(path))
        {
            return (File.ReadAllText(path).Trim(), null);
        }

        var token = SecretToken.Issue(SecretToken.OperatorKind);
        var hash = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token.Token)));
        WriteOwnerOnly(path, hash + "\n");
        return (hash, token.Token);
    }

    private static void WriteOwnerOnly(string path, string content)
    {
        var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write };
        if (!OperatingSystem.IsWindows())
        {
            options.UnixCreateMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;
        }

        using var writer = new StreamWriter(path, Encoding.ASCII, options);
        writer.Write(content);
    }
}
