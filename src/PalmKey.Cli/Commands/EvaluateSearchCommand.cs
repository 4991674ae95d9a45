using System.CommandLine;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Cli.Commands;

/// <summary>
/// <c>palmkey evaluate-search</c>: 1:N identification on a folder of palm images, with the index's
/// fast search and with exhaustive search side by side, closed-set and open-set.
/// </summary>
internal static class EvaluateSearchCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Folder laid out as <palm-id>/<image files>.", Required = true };
        var enroll = new Option<string>("--enroll") { Description = "File-name pattern of the enrolled images, such as 's1_*'.", Required = true };
        var probe = new Option<string>("--probe") { Description = "File-name pattern of the probe images, such as 's2_*'.", Required = true };
        var enrollCount = new Option<int?>("--enroll-count") { Description = "Enroll only the first K matching images of each palm (at most 16)." };
        var fpir = new Option<double>("--fpir") { Description = "Target false-positive identification rate for the closed-set FNIR.", DefaultValueFactory = _ => 1e-3 };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });
        enrollCount.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int?>() is { } k && (k < 1 || k > PalmIndex.MaxCapturesPerPalm))
            {
                result.AddError($"--enroll-count must be 1 to {PalmIndex.MaxCapturesPerPalm}.");
            }
        });

        var command = new Command("evaluate-search", "Measure 1:N identification on a folder of palm images: rank-1 and FNIR of the fast search against exhaustive search, and FPIR on palms that are not enrolled.")
        {
            dataset, enroll, probe, enrollCount, fpir, threads,
        };
        command.SetAction(parse =>
        {
            var protocol = new Protocol(new FileGlob(parse.GetValue(enroll)!), new FileGlob(parse.GetValue(probe)!), parse.GetValue(enrollCount) ?? PalmIndex.MaxCapturesPerPalm);
            var progress = new ProgressReporter(Console.Error, !Console.IsErrorRedirected);
            var evaluation = new SearchEvaluation(parse.GetValue(threads), progress);
            evaluation.Run(Dataset.Open(parse.GetValue(dataset)!), protocol, parse.GetValue(fpir), Console.Out);
            return 0;
        });
        return command;
    }
}
