using System.Text;
using PalmKey.Server.Apis.Models;

namespace PalmKey.Server.Tests;

/// <summary>
/// Reads the SQLite database files byte by byte, while the server runs (the write-ahead log holds the
/// latest writes) and after it stops, for any plaintext template, mobile number or image.
/// </summary>
public sealed class AtRestTests
{
    private const string Phone = "+15550100001";

    [Fact]
    public async Task No_plaintext_template_number_or_image_is_in_the_database_files_or_the_logs()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-at-rest-").FullName;
        try
        {
            var frames = SyntheticPalm.Captures(1);
            var needles = Needles(frames);
            PalmKeyServerFactory? factory = null;
            TestTenant? tenant = null;
            try
            {
                factory = await new PalmKeyServerFactory(folder).StartAsync();
                tenant = await TestTenant.CreateAsync(factory);
                var customerId = await tenant.EnrollAsync(Phone, TestTenant.Palms(("left", frames)));
                await (await tenant.Admin.SendPostAsync($"/v1/admin/customers/{customerId}/linked-accounts", new LinkAccountRequest("loyalty", "LOY-99887766"))).ReadAsync<LinkedAccountResponse>(System.Net.HttpStatusCode.Created);
                Assert.True((await tenant.IdentifyPalmAsync(1)).Recognized);
                using var me = await tenant.SignInAsync(Phone);
                await (await me.SendGetAsync("/v1/me/export")).ReadAsync<ExportDocument>();
                needles.Add(("loyalty reference", Encoding.UTF8.GetBytes("LOY-99887766")));

                var running = DatabaseFiles(folder);
                AssertAbsent(needles, running, "while running");

                // The encrypted templates are in the scanned bytes, so the scan looked where they are.
                await using (var db = factory.Service<Infrastructure.PalmKeyDbFactory>().CreateSystem())
                {
                    var cipher = (await Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.SingleAsync(db.Palms, TestContext.Current.CancellationToken)).TemplatesCipher;
                    Assert.True(cipher.Length > 3 * 788, "the stored palm holds three templates");
                    Assert.Contains(running.Values, bytes => bytes.AsSpan().IndexOf(cipher.AsSpan(1000, 32)) >= 0);
                }

                var secrets = new[] { tenant.AdminKey, tenant.DeviceIdentity.PrivateKey, PalmKeyServerFactory.OperatorKey, factory.MasterKey, Convert.ToBase64String(frames[0]).Substring(100, 40) };
                var logs = string.Join('\n', factory.Logs.Lines);
                Assert.NotEmpty(factory.Logs.Lines);
                foreach (var secret in secrets)
                {
                    Assert.DoesNotContain(secret, logs, StringComparison.Ordinal);
                }

                foreach (var (name, bytes) in needles.Where(n => n.Name.StartsWith("phone", StringComparison.Ordinal)))
                {
                    Assert.DoesNotContain(Encoding.UTF8.GetString(bytes), logs, StringComparison.Ordinal);
                }
            }
            finally
            {
                tenant?.Dispose();
                if (factory is not null)
                {
                    await factory.DisposeAsync();
                }
            }

            AssertAbsent(needles, DatabaseFiles(folder), "after stopping");
            Assert.All(Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories), file => Assert.StartsWith("palmkey.db", Path.GetFileName(file), StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public async Task The_search_finds_plaintext_when_it_is_there()
    {
        // The scan itself must be able to fail: a phone number written in plaintext is found.
        var folder = Directory.CreateTempSubdirectory("palmkey-at-rest-").FullName;
        try
        {
            var file = Path.Combine(folder, "palmkey.db");
            await File.WriteAllBytesAsync(file, [.. new byte[100], .. Encoding.Unicode.GetBytes("call 5550100001"), .. new byte[10]], TestContext.Current.CancellationToken);

            Assert.ThrowsAny<Xunit.Sdk.XunitException>(() => AssertAbsent(Needles(SyntheticPalm.Captures(1)), DatabaseFiles(folder), "planted"));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private static List<(string Name, byte[] Bytes)> Needles(byte[][] frames)
    {
        var needles = new List<(string, byte[])>();
        foreach (var text in new[] { Phone, Phone[1..], Phone[2..], "555-010-0001", "(555) 010-0001" })
        {
            needles.Add(($"phone utf-8 {text}", Encoding.UTF8.GetBytes(text)));
            needles.Add(($"phone utf-16le {text}", Encoding.Unicode.GetBytes(text)));
            needles.Add(($"phone utf-16be {text}", Encoding.BigEndianUnicode.GetBytes(text)));
        }

        needles.Add(("phone as a 64-bit integer", BitConverter.GetBytes(15550100001L)));
        for (var capture = 0; capture < frames.Length; capture++)
        {
            var template = PalmExtractor.Extract(ImageCodec.DecodeGray(frames[capture])).ToBytes();
            needles.Add(($"template {capture} header", template[..16]));
            foreach (var offset in new[] { 16, 200, 400, 600, 750 })
            {
                needles.Add(($"template {capture} at {offset}", template[offset..(offset + 32)]));
            }

            var pixels = ImageCodec.DecodeGray(frames[capture]).Pixels;
            needles.Add(($"image {capture} pixels", pixels[8000..8032]));
            needles.Add(($"image {capture} file", frames[capture][(frames[capture].Length / 2)..((frames[capture].Length / 2) + 32)]));
        }

        needles.Add(("template magic", "PKTP"u8.ToArray()));
        return needles;
    }

    internal static Dictionary<string, byte[]> DatabaseFiles(string folder)
    {
        var files = new Dictionary<string, byte[]>();
        foreach (var path in Directory.EnumerateFiles(folder, "palmkey.db*"))
        {
            // Read while the server has the files open.
            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            using var copy = new MemoryStream();
            stream.CopyTo(copy);
            files[Path.GetFileName(path)] = copy.ToArray();
        }

        Assert.Contains("palmkey.db", files.Keys);
        Assert.True(files.Values.Sum(f => f.Length) > 16384, "the database files should hold the data");
        return files;
    }

    internal static void AssertAbsent(List<(string Name, byte[] Bytes)> needles, Dictionary<string, byte[]> files, string when)
    {
        var hits = new List<string>();
        foreach (var (file, bytes) in files)
        {
            foreach (var (name, needle) in needles)
            {
                if (bytes.AsSpan().IndexOf(needle) >= 0)
                {
                    hits.Add($"{name} in {file}");
                }
            }
        }

        Assert.True(hits.Count == 0, $"Plaintext found {when}: {string.Join(", ", hits)}");
    }
}
