using System.Diagnostics;
using CliRun = PalmKey.Tests.Commands.Cli;
using Synthetic = PalmKey.Cli.Bench.SyntheticPalm;

namespace PalmKey.Tests.Device;

/// <summary>
/// <c>palmkey device</c> end to end against the server on Kestrel at 127.0.0.1: provisioning, enrollment
/// and identification from image files, in process, and as a separate process that proves the simulator
/// writes nothing but its identity file.
/// </summary>
[Collection(nameof(PalmKey.Tests.Commands.ConsoleRedirection))]
public sealed class SimulatorTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("palmkey-sim-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public async Task Tongji_session_1_enrolls_and_session_2_of_the_same_palm_is_recognized_while_another_palm_is_not()
    {
        var dataset = TestData.RequireDataset("tongji-roi");
        var palms = Directory.GetDirectories(dataset).Order(StringComparer.Ordinal).Take(2).ToList();
        await using var server = await KestrelServer.StartAsync();
        var identity = Path.Combine(_folder, "scanner.json");

        var provisioned = CliRun.Run("device", "provision", "--server", server.Address.ToString(), "--code", server.Demo.ActivationCode!, "--identity", identity);
        Assert.True(provisioned.ExitCode == 0, provisioned.ToString());

        var enrollment = Directory.GetFiles(palms[0], "s1_*").Order(StringComparer.Ordinal).Take(3);
        var enrolled = CliRun.Run(["device", "enroll", "--identity", identity, "--phone", "+15550100001", "--consent", "--admin-key", server.Demo.AdminKey!, .. enrollment]);
        Assert.True(enrolled.ExitCode == 0, enrolled.ToString());
        Assert.Contains("enrolled: customer cus_", enrolled.Output, StringComparison.Ordinal);

        // Until POST /v1/checkout is merged, a checkout is /v1/identify with purpose checkout.
        var same = CliRun.Run(["device", "identify", "--identity", identity, "--purpose", "checkout", .. Directory.GetFiles(palms[0], "s2_*").Order(StringComparer.Ordinal).Take(3)]);
        var other = CliRun.Run(["device", "identify", "--identity", identity, "--purpose", "checkout", .. Directory.GetFiles(palms[1], "s2_*").Order(StringComparer.Ordinal).Take(3)]);

        Assert.True(same.ExitCode == 0, same.ToString());
        Assert.Contains("outcome: recognized", same.Output, StringComparison.Ordinal);
        Assert.True(other.ExitCode == 1, other.ToString());
        Assert.Contains("outcome: not-recognized", other.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Errors_exit_2_with_the_servers_problem()
    {
        await using var server = await KestrelServer.StartAsync();
        var identity = Path.Combine(_folder, "scanner.json");
        Assert.Equal(0, CliRun.Run("device", "provision", "--server", server.Address.ToString(), "--code", server.Demo.ActivationCode!, "--identity", identity).ExitCode);
        var frame = Path.Combine(_folder, "frame.png");
        await File.WriteAllBytesAsync(frame, Synthetic.Png(1, 1), TestContext.Current.CancellationToken);

        var reused = CliRun.Run("device", "provision", "--server", server.Address.ToString(), "--code", server.Demo.ActivationCode!, "--identity", Path.Combine(_folder, "second.json"));
        var still = CliRun.Run("device", "identify", "--identity", identity, frame, frame, frame);
        var missing = CliRun.Run("device", "identify", "--identity", identity, Path.Combine(_folder, "absent.png"));

        Assert.Equal(2, reused.ExitCode);
        Assert.Contains("activation-code-invalid", reused.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(_folder, "second.json")));
        Assert.Equal(2, still.ExitCode);
        Assert.Contains("still-image", still.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.ExitCode);
    }

    [Fact]
    public async Task The_simulator_process_writes_no_file_but_its_identity()
    {
        await using var server = await KestrelServer.StartAsync();
        var frames = Directory.CreateDirectory(Path.Combine(_folder, "frames")).FullName;
        var enrollment = Enumerable.Range(0, 3).Select(c => Write(frames, $"enroll{c}.png", Synthetic.Png(11, c))).ToArray();
        var hover = Synthetic.Hover(11, 1).Select((f, i) => Write(frames, $"hover{i}.png", f)).ToArray();

        // The process's working folder, home and temporary folder are all this one, which starts empty.
        var sandbox = Directory.CreateDirectory(Path.Combine(_folder, "sandbox")).FullName;
        Directory.CreateDirectory(Path.Combine(sandbox, "tmp"));
        var before = Files(sandbox);

        var provision = await RunProcessAsync(sandbox, "device", "provision", "--server", server.Address.ToString(), "--code", server.Demo.ActivationCode!, "--identity", "scanner.json");
        var enroll = await RunProcessAsync(sandbox, ["device", "enroll", "--identity", "scanner.json", "--phone", "+15550100002", "--consent", "--admin-key", server.Demo.AdminKey!, .. enrollment]);
        var identify = await RunProcessAsync(sandbox, ["device", "identify", "--identity", "scanner.json", .. hover]);

        Assert.True(provision.ExitCode == 0, provision.Output);
        Assert.True(enroll.ExitCode == 0, enroll.Output);
        Assert.True(identify.ExitCode == 0, identify.Output);
        Assert.Empty(before);
        Assert.Equal(["scanner.json"], Files(sandbox));
        Assert.Equal(6, Directory.GetFiles(frames).Length);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(Path.Combine(sandbox, "scanner.json")));
        }
    }

    private static string Write(string folder, string name, byte[] bytes)
    {
        var path = Path.Combine(folder, name);
        File.WriteAllBytes(path, bytes);
        return path;
    }

    private static List<string> Files(string folder) =>
        [.. Directory.EnumerateFileSystemEntries(folder, "*", SearchOption.AllDirectories)
            .Where(p => !Directory.Exists(p))
            .Select(p => Path.GetRelativePath(folder, p))
            .Order(StringComparer.Ordinal)];

    private static async Task<(int ExitCode, string Output)> RunProcessAsync(string folder, params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = folder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(typeof(PalmKey.Cli.CliApp).Assembly.Location);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        start.Environment["HOME"] = folder;
        start.Environment["TMPDIR"] = Path.Combine(folder, "tmp");
        start.Environment["DOTNET_CLI_HOME"] = folder;

        // No diagnostics socket in the temporary folder: the check is about what the simulator writes.
        start.Environment["DOTNET_EnableDiagnostics"] = "0";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync(TestContext.Current.CancellationToken);
        var error = process.StandardError.ReadToEndAsync(TestContext.Current.CancellationToken);
        await process.WaitForExitAsync(TestContext.Current.CancellationToken);
        return (process.ExitCode, await output + await error);
    }
}
