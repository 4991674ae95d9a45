using System.Globalization;
using System.Text.Json;
using System.Xml.Linq;

namespace PalmKey.Tests.Commands;

[Collection(nameof(ConsoleRedirection))]
public sealed class EvaluateCommandTests : IDisposable
{
    private static readonly string[] TopLevelKeys =
    [
        "dataset", "protocol", "algorithm", "images", "palms", "fte", "image_level", "palm_level",
        "extract_ms_median", "match_us_median", "eer", "fnmr_at_fmr", "rank1", "genuine", "impostor",
    ];

    private static readonly string[] LevelKeys = ["genuine", "impostor", "eer", "fnmr_at_fmr", "rank1"];

    private static readonly string[] FmrKeys = ["1e-2", "1e-3", "1e-4", "1e-5"];

    private readonly TestDataset _dataset = new(palms: 4);
    private readonly string _output = Directory.CreateTempSubdirectory("palmkey-evaluate-").FullName;

    public void Dispose()
    {
        _dataset.Dispose();
        Directory.Delete(_output, recursive: true);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Writes_JSON_with_exactly_the_documented_keys(bool globs)
    {
        var json = Path.Combine(_output, "result.json");
        string[] protocol = globs ? ["--enroll", "s1_*", "--probe", "s2_*"] : [];

        var result = Cli.Run(["evaluate", "--dataset", _dataset.Root, "--json", json, "--threads", "2", .. protocol]);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = document.RootElement;
        Assert.Equal(TopLevelKeys.Order(), Keys(root).Order());
        Assert.Equal(_dataset.Name, root.GetProperty("dataset").GetString());
        Assert.Equal(globs ? "enroll 's1_*'; probe 's2_*'" : "all pairs (every image against every other image)", root.GetProperty("protocol").GetString());
        Assert.Equal(PalmExtractor.AlgorithmDescription, root.GetProperty("algorithm").GetString());
        Assert.Equal(16, root.GetProperty("images").GetInt32());
        Assert.Equal(4, root.GetProperty("palms").GetInt32());
        Assert.Equal(0, root.GetProperty("fte").GetDouble());
        Assert.True(root.GetProperty("extract_ms_median").GetDouble() > 0);
        Assert.True(root.GetProperty("match_us_median").GetDouble() > 0);

        foreach (var level in new[] { root.GetProperty("image_level"), root.GetProperty("palm_level") })
        {
            Assert.Equal(LevelKeys.Order(), Keys(level).Order());
            Assert.Equal(FmrKeys.Order(), Keys(level.GetProperty("fnmr_at_fmr")).Order());
            Assert.InRange(level.GetProperty("eer").GetDouble(), 0, 1);
            Assert.InRange(level.GetProperty("rank1").GetDouble(), 0, 1);
            Assert.All(FmrKeys, key => Assert.InRange(level.GetProperty("fnmr_at_fmr").GetProperty(key).GetDouble(), 0, 1));
            Assert.True(level.GetProperty("genuine").GetInt64() > 0);
            Assert.True(level.GetProperty("impostor").GetInt64() > 0);
        }

        // The top level repeats the image level, for tools that read only the top.
        var imageLevel = root.GetProperty("image_level");
        foreach (var key in LevelKeys)
        {
            Assert.True(JsonElement.DeepEquals(imageLevel.GetProperty(key), root.GetProperty(key)), $"\"{key}\" differs from image_level's.");
        }

        Assert.Equal(globs ? 16 : 24, imageLevel.GetProperty("genuine").GetInt64());
        Assert.Equal(globs ? 48 : 96, imageLevel.GetProperty("impostor").GetInt64());
        Assert.Equal(globs ? 8 : 16, root.GetProperty("palm_level").GetProperty("genuine").GetInt64());
    }

    [Fact]
    public void Prints_a_text_report()
    {
        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--enroll", "s1_*", "--probe", "s2_*", "--enroll-count", "1");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Contains($"dataset      {_dataset.Name}", result.Output, StringComparison.Ordinal);
        Assert.Contains("protocol     enroll 's1_*', first 1 per palm; probe 's2_*'", result.Output, StringComparison.Ordinal);
        Assert.Contains("images       12 (4 palms); FTE 0.000% (0 images gave no template)", result.Output, StringComparison.Ordinal);
        Assert.Matches(@"rank-1\s+100\.000% \(8/8\)\s+100\.000% \(8/8\)", result.Output);
        Assert.Empty(result.ErrorLines);
    }

    [Fact]
    public void Writes_DET_curves_as_an_SVG_with_one_polyline_per_level()
    {
        var det = Path.Combine(_output, "det.svg");

        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--det", det);

        Assert.True(result.ExitCode == 0, result.ToString());
        var svg = XDocument.Parse(File.ReadAllText(det));
        XNamespace ns = "http://www.w3.org/2000/svg";
        Assert.Equal(ns + "svg", svg.Root!.Name);
        var polylines = svg.Descendants(ns + "polyline").ToArray();
        Assert.Equal(2, polylines.Length);
        foreach (var polyline in polylines)
        {
            var points = polyline.Attribute("points")!.Value.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            Assert.NotEmpty(points);
            Assert.All(points, point =>
            {
                var xy = point.Split(',').Select(value => double.Parse(value, CultureInfo.InvariantCulture)).ToArray();
                Assert.InRange(xy[0], 0, 640);
                Assert.InRange(xy[1], 0, 480);
            });
        }

        Assert.Contains(svg.Descendants(ns + "text"), text => text.Value.StartsWith("image level (EER", StringComparison.Ordinal));
        Assert.Contains(svg.Descendants(ns + "text"), text => text.Value.StartsWith("palm level (EER", StringComparison.Ordinal));
    }

    [Fact]
    public void Replaces_only_the_named_Markdown_section()
    {
        var markdown = Path.Combine(_output, "accuracy.md");
        const string Before = "# Accuracy\n\nHand-written introduction.\n\n<!-- BEGIN synthetic -->\n";
        const string After = "<!-- END synthetic -->\n\nHand-written discussion.\n\n<!-- BEGIN other -->\nkeep this\n<!-- END other -->\n";
        File.WriteAllText(markdown, Before + "old results\n" + After);

        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--markdown", markdown, "--section", "synthetic");

        Assert.True(result.ExitCode == 0, result.ToString());
        var text = File.ReadAllText(markdown).ReplaceLineEndings("\n");
        Assert.StartsWith(Before, text, StringComparison.Ordinal);
        Assert.EndsWith(After, text, StringComparison.Ordinal);
        Assert.DoesNotContain("old results", text, StringComparison.Ordinal);
        Assert.Contains($"Dataset `{_dataset.Name}`, protocol: all pairs", text, StringComparison.Ordinal);
        Assert.Contains("| genuine comparisons | 24 | 16 |", text, StringComparison.Ordinal);
    }

    [Fact]
    public void Fails_without_touching_a_Markdown_file_that_lacks_the_section()
    {
        var markdown = Path.Combine(_output, "accuracy.md");
        const string Document = "# Accuracy\n\n<!-- BEGIN other -->\nkeep this\n<!-- END other -->\n";
        File.WriteAllText(markdown, Document);

        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--markdown", markdown, "--section", "tongji");

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.ErrorLines);
        Assert.Equal($"palmkey: {markdown} has no section \"tongji\": add the lines <!-- BEGIN tongji --> and <!-- END tongji --> where it belongs.", line);
        Assert.Equal(Document, File.ReadAllText(markdown));
    }

    [Fact]
    public void Reports_a_missing_dataset_folder_in_one_line_and_writes_nothing()
    {
        var missing = Path.Combine(_output, "no-such-dataset");
        var json = Path.Combine(_output, "result.json");

        var result = Cli.Run("evaluate", "--dataset", missing, "--json", json);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal($"palmkey: Dataset folder not found: {missing}{Environment.NewLine}", result.Error);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("--enroll and --probe go together: give both, or neither for all pairs.", "--enroll", "s1_*")]
    [InlineData("--enroll and --probe go together: give both, or neither for all pairs.", "--probe", "s2_*")]
    [InlineData("--enroll-count needs --enroll and a count of at least 1.", "--enroll", "s1_*", "--probe", "s2_*", "--enroll-count", "0")]
    [InlineData("--enroll-count needs --enroll and a count of at least 1.", "--enroll-count", "2")]
    [InlineData("--markdown and --section go together.", "--section", "tongji")]
    [InlineData("--threads must be at least 1.", "--threads", "0")]
    public void Refuses_inconsistent_options_with_one_line_and_exit_code_1(string message, params string[] options)
    {
        var json = Path.Combine(_output, "result.json");

        var result = Cli.Run(["evaluate", "--dataset", _dataset.Root, "--json", json, .. options]);

        Assert.Equal(1, result.ExitCode);
        Assert.Equal([message], result.AllErrorLines);
        Assert.False(File.Exists(json));
    }

    [Theory]
    [InlineData("s3_*", "s2_*", "selects 0 enrolled and 8 probe images")]
    [InlineData("s1_*", "*.bmp", "selects 8 enrolled and 0 probe images")]
    public void Refuses_patterns_that_select_nothing_with_one_line_and_exit_code_1(string enroll, string probe, string message)
    {
        var json = Path.Combine(_output, "result.json");

        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--enroll", enroll, "--probe", probe, "--json", json);

        Assert.Equal(1, result.ExitCode);
        var line = Assert.Single(result.AllErrorLines);
        Assert.StartsWith("palmkey: The protocol " + message, line, StringComparison.Ordinal);
        Assert.EndsWith("both must be non-empty. Check the --enroll and --probe patterns.", line, StringComparison.Ordinal);
        Assert.Empty(result.Output);
        Assert.False(File.Exists(json));
    }

    [Fact]
    public void Refuses_a_malformed_pattern_with_one_line()
    {
        var result = Cli.Run("evaluate", "--dataset", _dataset.Root, "--enroll", "s1_[", "--probe", "s2_*");

        Assert.Equal(1, result.ExitCode);
        Assert.Equal(["palmkey: Unclosed '[' in the pattern \"s1_[\". (Parameter 'pattern')"], result.AllErrorLines);
    }

    [Fact]
    public void Reports_no_impostor_figures_as_null_for_a_single_palm()
    {
        using var single = new TestDataset(palms: 1);
        var json = Path.Combine(_output, "single.json");

        var result = Cli.Run("evaluate", "--dataset", single.Root, "--json", json);

        Assert.True(result.ExitCode == 0, result.ToString());
        using var document = JsonDocument.Parse(File.ReadAllBytes(json));
        var root = document.RootElement;
        Assert.Equal(0, root.GetProperty("impostor").GetInt64());
        Assert.Equal(JsonValueKind.Null, root.GetProperty("eer").ValueKind);
        Assert.All(FmrKeys, key => Assert.Equal(JsonValueKind.Null, root.GetProperty("fnmr_at_fmr").GetProperty(key).ValueKind));
        Assert.Equal(1.0, root.GetProperty("rank1").GetDouble());
        Assert.Contains("n/a", result.Output, StringComparison.Ordinal);
    }

    private static IEnumerable<string> Keys(JsonElement element) => element.EnumerateObject().Select(property => property.Name);
}
