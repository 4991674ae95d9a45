using System.CommandLine;
using PalmKey.Cli.Bench;
using PalmKey.Cli.Evaluation;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey bench-http</c>: identification and enrollment latency through a running server (docs/benchmarks.md).</summary>
internal static class BenchHttpCommand
{
    public static Command Create()
    {
        var gallery = new Option<int>("--gallery") { Description = "Palms in the gallery, seeded as random-code templates.", Required = true };
        var requests = new Option<int>("--requests") { Description = "Identification requests to time.", DefaultValueFactory = _ => 200 };
        var enrollments = new Option<int>("--enrollments") { Description = "Synthetic palms to enroll through the API, timed.", DefaultValueFactory = _ => 5 };
        var markdown = new Option<FileInfo?>("--markdown") { Description = "Update a section of this Markdown file (see --section) with the results." };
        var section = new Option<string?>("--section") { Description = "Name of the section that --markdown replaces." };
        var command = new Command("bench-http", "Time identification and enrollment through the HTTP server on 127.0.0.1 with a gallery of a given size.")
        {
            gallery, requests, enrollments, markdown, section,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(gallery) < 0 || result.GetValue(requests) < 1 || result.GetValue(enrollments) < 0)
            {
                result.AddError("--gallery and --enrollments must be 0 or more, --requests at least 1.");
            }

            if ((result.GetValue(markdown) is null) != (result.GetValue(section) is null))
            {
                result.AddError("--markdown and --section go together.");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var benchmark = new HttpBenchmark(parse.GetValue(gallery), parse.GetValue(requests), parse.GetValue(enrollments), Console.Error);
            var result = await benchmark.RunAsync(cancellationToken).ConfigureAwait(false);
            var report = HttpBenchmark.Markdown(result, RunInfo.Current());
            Console.WriteLine(report);
            if (parse.GetValue(markdown) is { } file)
            {
                MarkdownSection.Replace(file.FullName, parse.GetValue(section)!, report);
            }

            return 0;
        });
        return command;
    }
}
