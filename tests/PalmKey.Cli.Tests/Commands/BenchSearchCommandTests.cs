using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using PalmKey.Cli.Commands;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Commands;

public sealed class BenchSearchCommandTests
{
    [Fact]
    public void The_json_has_exactly_the_documented_keys()
    {
        var output = new StringWriter();
        var result = BenchSearchCommand.Run(size: 120, threads: 2, probeCount: 4, agreementCount: 2, seed: 1, cacheFolder: null, output, ProgressReporter.Silent);
        var stream = new MemoryStream();
        BenchSearchCommand.WriteJson(result, stream);

        using var json = JsonDocument.Parse(stream.ToArray());
        var keys = json.RootElement.EnumerateObject().Select(p => p.Name).ToArray();
        Assert.Equal(["gallery", "threads", "median_ms", "p99_ms", "bytes_per_palm", "top1_agreement", "build_s"], keys);
        Assert.Equal(120, json.RootElement.GetProperty("gallery").GetInt32());
        Assert.Equal(2, json.RootElement.GetProperty("threads").GetInt32());
        Assert.Equal(1.0, json.RootElement.GetProperty("top1_agreement").GetDouble());
        Assert.True(json.RootElement.GetProperty("median_ms").GetDouble() > 0);
        Assert.Contains("agreement", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Repeated_palms_make_the_gallery_but_leave_agreement_unmeasured()
    {
        var output = new StringWriter();
        var result = BenchSearchCommand.Run(size: 90, threads: 1, probeCount: 3, agreementCount: 3, seed: 2, cacheFolder: null, output, ProgressReporter.Silent, derive: 1, repeat: 3);
        Assert.Equal(90, result.Gallery);
        Assert.True(double.IsNaN(result.TopOneAgreement));
        Assert.Contains("30 distinct palms", output.ToString(), StringComparison.Ordinal);

        // Every probe's own palm comes first: its copies tie with it and have larger ids.
        Assert.Contains("ranked first 3/3", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Code_symmetries_make_distinct_palms_whose_probes_find_themselves()
    {
        var output = new StringWriter();
        var result = BenchSearchCommand.Run(size: 80, threads: 1, probeCount: 8, agreementCount: 8, seed: 3, cacheFolder: null, output, ProgressReporter.Silent, symmetries: 4);
        Assert.Equal(80, result.Gallery);
        Assert.Equal(1.0, result.TopOneAgreement);
        Assert.Contains("4 palms per drawn palm by code symmetries", output.ToString(), StringComparison.Ordinal);

        // 20 drawn palms under 4 symmetries: every probe still finds its own symmetric copy first.
        Assert.Contains("ranked first 8/8", output.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_shortlist_check_counts_probes_whose_own_palm_passes_the_threshold()
    {
        var output = new StringWriter();
        BenchSearchCommand.Run(size: 60, threads: 1, probeCount: 2, agreementCount: 0, seed: 4, cacheFolder: null, output, ProgressReporter.Silent, recallCount: 100);

        // At most one probe per palm; a gallery this small is scored whole, so every recognizable probe keeps its palm.
        var line = output.ToString().Split('\n').Single(l => l.StartsWith("shortlists", StringComparison.Ordinal));
        var counts = Regex.Match(line, @"for (\d+)/(\d+) enrolled probes .* of 60 checked");
        Assert.True(counts.Success, line);
        Assert.Equal(counts.Groups[2].Value, counts.Groups[1].Value);
        Assert.InRange(int.Parse(counts.Groups[2].Value, CultureInfo.InvariantCulture), 50, 60);
    }

    [Fact]
    public void A_negative_number_of_shortlist_probes_is_refused_with_a_clear_error()
    {
        var parse = BenchSearchCommand.Create().Parse(["--gallery", "64", "--recall-probes", "-1"]);
        Assert.Contains(parse.Errors, e => e.Message == "--recall-probes must not be negative.");
        Assert.NotEqual(0, parse.Invoke());
    }

    [Fact]
    public void Derived_and_symmetric_palms_cannot_be_combined()
    {
        var exit = BenchSearchCommand.Create().Parse(["--gallery", "64", "--derive", "2", "--symmetries", "2"]).Invoke();
        Assert.NotEqual(0, exit);
    }

    [Fact]
    public void The_command_writes_its_json_file()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-bench-");
        try
        {
            var file = Path.Combine(folder.FullName, "bench.json");
            var exit = BenchSearchCommand.Create().Parse(["--gallery", "64", "--threads", "1", "--probes", "2", "--agreement-probes", "1", "--json", file]).Invoke();
            Assert.Equal(0, exit);
            using var json = JsonDocument.Parse(File.ReadAllBytes(file));
            Assert.Equal(7, json.RootElement.EnumerateObject().Count());
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }
}
