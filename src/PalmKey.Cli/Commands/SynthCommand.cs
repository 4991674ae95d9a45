using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Synthesis;

namespace PalmKey.Cli.Commands;

/// <summary><c>palmkey synth</c>: writes synthetic palm ROIs (or their templates) for scale tests.</summary>
internal static class SynthCommand
{
    public static Command Create()
    {
        var palms = new Option<int>("--palms") { Description = "Palms (identities) to make.", Required = true };
        var samples = new Option<int>("--samples") { Description = "Captures per palm.", Required = true };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output folder.", Required = true };
        var seed = new Option<int>("--seed") { Description = "Synthetic population; the same seed gives the same images.", DefaultValueFactory = _ => 1 };
        var format = new Option<string>("--format") { Description = "png: one 128x128 PNG per capture in <palm-id>/ folders, as palmkey evaluate reads; templates: one file of templates, palm by palm.", DefaultValueFactory = _ => "png" };
        var threads = new Option<int>("--threads") { Description = "Worker threads.", DefaultValueFactory = _ => Environment.ProcessorCount };
        format.AcceptOnlyFromAmong("png", "templates");
        foreach (var option in new[] { palms, samples, threads })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1.");
                }
            });
        }

        var command = new Command("synth", "Make synthetic palm ROIs: random principal lines and creases, skin texture, and per-capture shift, rotation, scale, lighting, blur and noise.")
        {
            palms, samples, output, seed, format, threads,
        };
        command.SetAction(parse =>
        {
            var folder = parse.GetValue(output)!.FullName;
            var written = Write(
                folder,
                parse.GetValue(palms),
                parse.GetValue(samples),
                parse.GetValue(seed),
                parse.GetValue(format) == "templates",
                parse.GetValue(threads),
                new ProgressReporter(Console.Error, !Console.IsErrorRedirected));
            Console.WriteLine(written);
            return 0;
        });
        return command;
    }

    /// <summary>Writes the palms and returns a line that says what was written and how fast.</summary>
    public static string Write(string folder, int palms, int samples, int seed, bool templates, int threads, ProgressReporter progress)
    {
        Directory.CreateDirectory(folder);
        var start = Stopwatch.GetTimestamp();
        var total = (long)palms * samples;
        var made = templates ? new PalmTemplate[total] : null;
        var done = 0;
        var digits = Math.Max(4, (palms - 1).ToString(CultureInfo.InvariantCulture).Length);
        using (var phase = progress.Start("synthesizing", palms))
        {
            Parallel.For(0, palms, new ParallelOptions { MaxDegreeOfParallelism = threads }, p =>
            {
                var images = SyntheticPalms.RenderCaptures(seed, p, 0, samples);
                for (var k = 0; k < samples; k++)
                {
                    if (made is not null)
                    {
                        made[((long)p * samples) + k] = PalmExtractor.Extract(images[k]);
                    }
                    else
                    {
                        var palmFolder = Path.Combine(folder, "palm" + p.ToString(CultureInfo.InvariantCulture).PadLeft(digits, '0'));
                        Directory.CreateDirectory(palmFolder);
                        File.WriteAllBytes(Path.Combine(palmFolder, $"s{k:D2}.png"), ImageCodec.EncodePng(images[k]));
                    }
                }

                phase.Report(Interlocked.Increment(ref done));
            });
        }

        if (made is not null)
        {
            TemplateFile.Write(Path.Combine(folder, "templates.pktl"), made);
        }

        var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
        var what = made is not null ? $"{total:N0} templates in {Path.Combine(folder, "templates.pktl")}" : $"{total:N0} PNG images in {folder}";
        return string.Create(CultureInfo.InvariantCulture, $"wrote {what} ({palms:N0} palms x {samples} captures, seed {seed}) in {seconds:F1} s on {threads} threads: {seconds * 1000 * threads / total:F2} ms per capture per thread");
    }
}
