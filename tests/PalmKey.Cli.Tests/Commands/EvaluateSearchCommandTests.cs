using PalmKey.Cli.Commands;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Tests.Commands;

[Collection(nameof(ConsoleRedirection))]
public sealed class EvaluateSearchCommandTests
{
    [Fact]
    public void Synthetic_palms_are_found_and_the_fast_search_agrees_with_the_exhaustive_one()
    {
        var folder = Directory.CreateTempSubdirectory("palmkey-evaluate-search-");
        try
        {
            // Captures 0 and 1 of 12 palms enroll, captures 2 and 3 probe.
            SynthCommand.Write(folder.FullName, palms: 12, samples: 4, seed: 5, templates: false, threads: 2, ProgressReporter.Silent);
            var result = Cli.Run("evaluate-search", "--dataset", folder.FullName, "--enroll", "s0[01]*", "--probe", "s0[23]*", "--threads", "2");
            Assert.True(result.ExitCode == 0, result.ToString());
            Assert.Contains("gallery      12 palms, 24 captures; 24 probe images", result.Output, StringComparison.Ordinal);
            Assert.Matches(@"rank-1\s+100\.000% \(24\)\s+100\.000% \(24\)", result.Output);
            Assert.Contains("top-1 palm or score differs for 0 probes, decision for 0", result.Output, StringComparison.Ordinal);
            Assert.Contains("open set", result.Output, StringComparison.Ordinal);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    [Fact]
    public void A_bad_enroll_count_is_refused()
    {
        var result = Cli.Run("evaluate-search", "--dataset", ".", "--enroll", "*", "--probe", "*", "--enroll-count", "17");
        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("--enroll-count must be 1 to 16.", result.Error, StringComparison.Ordinal);
    }
}
