using System.CommandLine;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey evaluate</c>: measures accuracy and speed on a folder of palm images.</summary>
internal static class EvaluateCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = "Folder laid out as <palm-id>/<image files>.", Required = true };
        var enroll = new Option<string?>("--enroll") { Description = "File-name pattern of the enrolled images, such as 's1_*' (needs --probe)." };
        var probe = new Option<string?>("--probe") { Description = "File-name pattern of the probe images, such as 's2_*' (needs --enroll)." };
        var enrollCount = new Option<int?>("--enroll-count") { Description = "Enroll only the first K matching images of each palm (needs --enroll)." };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this file." };
        var det = new Option<FileInfo?>("--det") { Description = "Write the DET curves as SVG to this file." };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Update a section of this Markdown file (see --section) with the results." };
        var section = new Option<string?>("--section") { Description = "Name of the section that --markdown replaces, between <!-- BEGIN name --> and <!-- END name -->." };
        var input = new Option<InputMode>("--input")
        {
            Description = "What the images show: roi (palm ROI crops), hand (whole-hand frames, localized first), or auto (roi when the first images are square and at most 256 pixels, else hand).",
            DefaultValueFactory = _ => InputMode.Auto,
        };
        var rotateProbes = new Option<double>("--rotate-probes") { Description = "Rotate each probe frame clockwise by this many degrees before localization (whole-hand input; needs --enroll and --probe)." };
        var mirrorProbes = new Option<bool>("--mirror-probes") { Description = "Mirror each probe frame left to right before localization (whole-hand input; needs --enroll and --probe)." };

        threads.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--threads must be at least 1.");
            }
        });

        var command = new Command("evaluate", "Measure verification and identification accuracy, and speed, on a folder of palm ROI images or whole-hand frames.")
        {
            dataset, enroll, probe, enrollCount, json, det, threads, markdown, section, input, rotateProbes, mirrorProbes,
        };
        command.Validators.Add(result =>
        {
            var hasEnroll = result.GetValue(enroll) is not null;
            if (hasEnroll != (result.GetValue(probe) is not null))
            {
                result.AddError("--enroll and --probe go together: give both, or neither for all pairs.");
            }

            if (result.GetValue(enrollCount) is { } k && (k < 1 || !hasEnroll))
            {
                result.AddError("--enroll-count needs --enroll and a count of at least 1.");
            }

            var transformed = result.GetValue(rotateProbes) % 360 != 0 || result.GetValue(mirrorProbes);
            if (transformed && (!hasEnroll || result.GetValue(input) == InputMode.Roi))
            {
                result.AddError("--rotate-probes and --mirror-probes need whole-hand input and --enroll with --probe, so that enrolled images stay as they are.");
            }

            if ((result.GetValue(markdown) is null) != (result.GetValue(section) is null))
            {
                result.AddError("--markdown and --section go together.");
            }
        });

        command.SetAction(parse =>
        {
            var protocol = parse.GetValue(enroll) is { } e
                ? new Protocol(new FileGlob(e), new FileGlob(parse.GetValue(probe)!), parse.GetValue(enrollCount))
                : new Protocol(null, null, null);
            var progress = new ProgressReporter(Console.Error, !Console.IsErrorRedirected);
            var transform = new FrameTransform(parse.GetValue(rotateProbes), parse.GetValue(mirrorProbes));
            var result = new Evaluator(parse.GetValue(threads), progress).Run(Dataset.Open(parse.GetValue(dataset)!), protocol, parse.GetValue(input), transform);

            EvaluationReport.WriteText(result, Console.Out);
            if (parse.GetValue(json) is { } jsonFile)
            {
                using var stream = File.Create(jsonFile.FullName);
                EvaluationReport.WriteJson(result, stream);
            }

            if (parse.GetValue(det) is { } detFile)
            {
                var title = $"{result.Dataset.Name}: {result.Protocol.Describe()}";
                File.WriteAllText(detFile.FullName, DetPlot.Svg(title, [("image level", "#1f77b4", result.ImageLevel.Rates), ("palm level", "#d62728", result.PalmLevel.Rates)]));
            }

            if (parse.GetValue(markdown) is { } markdownFile)
            {
                MarkdownSection.Replace(markdownFile.FullName, parse.GetValue(section)!, EvaluationReport.Markdown(result, RunInfo.Current()));
            }

            return 0;
        });
        return command;
    }
}
