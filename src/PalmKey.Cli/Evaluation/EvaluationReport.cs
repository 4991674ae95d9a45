using System.Globalization;
using System.Text;
using System.Text.Json;

namespace PalmKey.Cli.Evaluation;

/// <summary>Writes an <see cref="EvaluationResult"/> as text, JSON and a Markdown section.</summary>
internal static class EvaluationReport
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;

    public static void WriteText(EvaluationResult result, TextWriter writer)
    {
        writer.WriteLine($"dataset      {result.Dataset.Name} ({result.Dataset.Root})");
        writer.WriteLine($"protocol     {result.Protocol.Describe()}");
        writer.WriteLine($"input        {InputText(result)}");
        writer.WriteLine($"algorithm    {PalmExtractor.AlgorithmDescription}");
        writer.WriteLine($"images       {result.Images} ({result.Palms} palms); FTE {Percent(result.FailureToEnrollRate)} ({result.Failures.Count} images gave no template)");
        foreach (var failure in result.Failures.Take(10))
        {
            writer.WriteLine($"  no template: {failure.Image.PalmId}/{failure.Image.FileName}: {failure.Failure}");
        }

        if (result.Failures.Count > 10)
        {
            writer.WriteLine($"  ... and {result.Failures.Count - 10} more");
        }

        writer.WriteLine();
        writer.WriteLine($"{string.Empty,-20}{"image level",-22}{"palm level",-22}");
        Row("genuine", level => level.Rates.GenuineCount.ToString("N0", Invariant));
        Row("impostor", level => level.Rates.ImpostorCount.ToString("N0", Invariant));
        Row("EER", level => Percent(level.Rates.Eer));
        foreach (var fmr in ErrorRates.ReportedFmrs)
        {
            Row($"FNMR at FMR {FmrKey(fmr)}", level => PointText(level.Rates.AtFmr(fmr)));
        }

        Row("rank-1", level => $"{Percent(level.RankOne.Rate)} ({level.RankOne.Hits}/{level.RankOne.Probes})");
        writer.WriteLine();
        var extraction = result.Input == InputMode.Hand ? "ms per frame, localization included (median)" : "ms per image (median)";
        writer.WriteLine($"extraction   {result.ExtractMillisecondsMedian.ToString("F3", Invariant)} {extraction}");
        writer.WriteLine($"matching     {result.MatchMicrosecondsMedian.ToString("F3", Invariant)} us per comparison (median)");
        if (new[] { result.ImageLevel, result.PalmLevel }.Any(level => ErrorRates.ReportedFmrs.Any(fmr => level.Rates.AtFmr(fmr).CountLimited)))
        {
            writer.WriteLine($"* count-limited: fewer than {ErrorRates.MinimumImpostorsAtPoint} impostor comparisons fall above the threshold at this FMR, so the figure is imprecise.");
        }

        void Row(string name, Func<LevelResult, string> value) =>
            writer.WriteLine($"{name,-20}{value(result.ImageLevel),-22}{value(result.PalmLevel),-22}");
    }

    /// <summary>Writes exactly the keys of the evaluate command's JSON contract; all rates are fractions.</summary>
    public static void WriteJson(EvaluationResult result, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteString("dataset", result.Dataset.Name);
        json.WriteString("protocol", result.Protocol.Describe());
        json.WriteString("algorithm", PalmExtractor.AlgorithmDescription);
        json.WriteNumber("images", result.Images);
        json.WriteNumber("palms", result.Palms);
        json.WriteNumber("fte", result.FailureToEnrollRate);
        json.WritePropertyName("image_level");
        WriteLevel(json, result.ImageLevel);
        json.WritePropertyName("palm_level");
        WriteLevel(json, result.PalmLevel);
        WriteNumberOrNull(json, "extract_ms_median", result.ExtractMillisecondsMedian);
        WriteNumberOrNull(json, "match_us_median", result.MatchMicrosecondsMedian);

        // The image level again at the top, for tools that read only the top level.
        WriteLevelFields(json, result.ImageLevel);
        json.WriteEndObject();
    }

    /// <summary>A Markdown section for docs/accuracy.md, with the run's provenance.</summary>
    public static string Markdown(EvaluationResult result, RunInfo run)
    {
        var text = new StringBuilder();
        text.AppendLine(Invariant, $"Dataset `{result.Dataset.Name}`, protocol: {result.Protocol.Describe()}.");
        if (result.Input == InputMode.Hand)
        {
            text.AppendLine(Invariant, $"Input: {InputText(result)}.");
        }

        text.AppendLine(Invariant, $"{result.Images:N0} images of {result.Palms} palms; FTE {Percent(result.FailureToEnrollRate)} ({result.Failures.Count} images{FailureReasons(result)}).");
        text.AppendLine(Invariant, $"Algorithm: {PalmExtractor.AlgorithmDescription}.");
        text.AppendLine(Invariant, $"Run {run.Date} at commit `{run.Commit}` on {run.Machine}.");
        text.AppendLine();
        text.AppendLine("| | image level | palm level |");
        text.AppendLine("|---|---|---|");
        Row("genuine comparisons", level => level.Rates.GenuineCount.ToString("N0", Invariant));
        Row("impostor comparisons", level => level.Rates.ImpostorCount.ToString("N0", Invariant));
        Row("EER", level => Percent(level.Rates.Eer));
        foreach (var fmr in ErrorRates.ReportedFmrs)
        {
            Row($"FNMR at FMR {FmrKey(fmr)}", level => PointText(level.Rates.AtFmr(fmr)));
        }

        Row("rank-1", level => $"{Percent(level.RankOne.Rate)} ({level.RankOne.Hits:N0}/{level.RankOne.Probes:N0})");
        var extraction = result.Input == InputMode.Hand ? "median frame to template (localization and extraction)" : "median extraction per image";
        text.AppendLine(Invariant, $"| {extraction} | {result.ExtractMillisecondsMedian.ToString("F2", Invariant)} ms | |");
        text.AppendLine(Invariant, $"| median match per comparison | {result.MatchMicrosecondsMedian.ToString("F2", Invariant)} us | |");
        text.AppendLine();
        text.AppendLine("Score thresholds at image level (accept when the score is above the threshold):");
        text.AppendLine();
        text.AppendLine("| FMR at most | threshold | measured FMR | FNMR |");
        text.AppendLine("|---|---|---|---|");
        foreach (var fmr in new[] { 1e-1, 1e-2, 1e-3, 1e-4, 1e-5, 1e-6, 1e-7 })
        {
            if (fmr * result.ImageLevel.Rates.ImpostorCount < 1)
            {
                break;
            }

            var point = result.ImageLevel.Rates.AtFmr(fmr);
            text.AppendLine(Invariant, $"| {FmrKey(fmr)} | {point.Threshold.ToString("F2", Invariant)} | {point.Fmr.ToString("0.00e-0", Invariant)} | {PointText(point)} |");
        }

        if (result.ImageLevel.Rates.AtFmr(1e-5).CountLimited || result.PalmLevel.Rates.AtFmr(1e-5).CountLimited)
        {
            text.AppendLine();
            text.AppendLine(Invariant, $"\\* count-limited: fewer than {ErrorRates.MinimumImpostorsAtPoint} impostor comparisons lie above the threshold at that FMR.");
        }

        return text.ToString();

        void Row(string name, Func<LevelResult, string> value) =>
            text.AppendLine(Invariant, $"| {name} | {value(result.ImageLevel)} | {value(result.PalmLevel)} |");
    }

    private static string InputText(EvaluationResult result)
    {
        if (result.Input != InputMode.Hand)
        {
            return "palm ROI images, coded as they are";
        }

        var text = "whole-hand frames; PalmLocalizer cuts each ROI, and a frame it rejects counts as a failure to enroll";
        return result.ProbeTransform is { } transform ? $"{text}; probe frames {transform.Describe()} first" : text;
    }

    /// <summary>", by verdict: NoHand 1, TooFar 2" for whole-hand input, where localization can reject frames.</summary>
    private static string FailureReasons(EvaluationResult result)
    {
        if (result.Failures.Count == 0 || result.Input != InputMode.Hand)
        {
            return string.Empty;
        }

        var reasons = result.Failures
            .GroupBy(failure => failure.Failure!.Split(' ', 2)[0])
            .OrderByDescending(group => group.Count())
            .ThenBy(group => group.Key, StringComparer.Ordinal)
            .Select(group => $"{group.Key} {group.Count()}");
        return ", by verdict: " + string.Join(", ", reasons);
    }

    private static void WriteLevel(Utf8JsonWriter json, LevelResult level)
    {
        json.WriteStartObject();
        WriteLevelFields(json, level);
        json.WriteEndObject();
    }

    private static void WriteLevelFields(Utf8JsonWriter json, LevelResult level)
    {
        json.WriteNumber("genuine", level.Rates.GenuineCount);
        json.WriteNumber("impostor", level.Rates.ImpostorCount);
        WriteNumberOrNull(json, "eer", level.Rates.Eer);
        json.WriteStartObject("fnmr_at_fmr");
        foreach (var fmr in ErrorRates.ReportedFmrs)
        {
            WriteNumberOrNull(json, FmrKey(fmr), level.Rates.AtFmr(fmr).Fnmr);
        }

        json.WriteEndObject();
        WriteNumberOrNull(json, "rank1", level.RankOne.Rate);
    }

    private static void WriteNumberOrNull(Utf8JsonWriter json, string name, double value)
    {
        if (double.IsFinite(value))
        {
            json.WriteNumber(name, value);
        }
        else
        {
            json.WriteNull(name);
        }
    }

    private static string FmrKey(double fmr) => fmr.ToString("0e-0", Invariant);

    private static string PointText(OperatingPoint point) => Percent(point.Fnmr) + (point.CountLimited ? "*" : string.Empty);

    private static string Percent(double fraction) =>
        double.IsFinite(fraction) ? (100 * fraction).ToString("0.000", Invariant) + "%" : "n/a";
}
