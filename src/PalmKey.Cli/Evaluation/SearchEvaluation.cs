using System.Globalization;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// 1:N identification on a dataset. Closed set: every palm enrolls its enrolled images as captures of
/// one palm, and each probe image is searched with the fast search and exhaustively; rank-1 counts
/// probes whose own palm is first, FNIR probes not matched to their own palm at the threshold for the
/// target FPIR. Open set: half of the palms (alternate palm folders) enroll and the other half's probe
/// images are searched as people who are not enrolled, both ways round, with the fast search and
/// exhaustively; FPIR counts those that match anyone. FNIR there counts enrolled probes that are not
/// an unambiguous match to their own palm (a second palm above the threshold counts as a miss).
/// </summary>
internal sealed class SearchEvaluation
{
    private static readonly CultureInfo Invariant = CultureInfo.InvariantCulture;
    private readonly int _threads;
    private readonly ProgressReporter _progress;

    public SearchEvaluation(int threads, ProgressReporter progress)
    {
        _threads = threads;
        _progress = progress;
    }

    public void Run(Dataset dataset, Protocol protocol, double fpir, TextWriter output)
    {
        var (enrolledImages, probeImages) = protocol.Select(dataset);
        var enrolled = Extract(enrolledImages, asProbe: false);
        var probes = Extract(probeImages, asProbe: true);
        var byPalm = enrolled.GroupBy(e => e.Image.Palm).ToDictionary(g => g.Key, g => g.Select(e => e.Template!).ToList());
        if (byPalm.Count == 0 || probes.Count == 0)
        {
            throw new InvalidOperationException($"The protocol selects {enrolled.Count} enrolled and {probes.Count} probe images with templates in {dataset.Root}; both must be non-empty.");
        }

        output.WriteLine($"dataset      {dataset.Name} ({dataset.Root})");
        output.WriteLine($"protocol     {protocol.Describe()}");
        output.WriteLine(string.Create(Invariant, $"gallery      {byPalm.Count} palms, {enrolled.Count} captures; {probes.Count} probe images"));

        // Closed set.
        var index = Build(byPalm, byPalm.Keys);
        var threshold = index.ThresholdForFpir(fpir);
        var closed = probes.Where(p => byPalm.ContainsKey(p.Image.Palm)).ToList();
        var fast = Search(index, closed, exhaustive: false, "searching (fast)");
        var exhaustive = Search(index, closed, exhaustive: true, "searching (exhaustive)");
        int Rank1(PalmSearchResult[] results) => results.Select((r, i) => r.Candidates.Count > 0 && r.Candidates[0].Id == Id(closed[i].Image.Palm)).Count(hit => hit);
        int Misses(PalmSearchResult[] results) => results.Select((r, i) => !(r.Candidates.Count > 0 && r.Candidates[0].Id == Id(closed[i].Image.Palm) && r.Candidates[0].Score > threshold && r.Decision == PalmDecision.Match)).Count(miss => miss);
        var topDiffers = Enumerable.Range(0, closed.Count).Count(i => fast[i].Candidates[0] != exhaustive[i].Candidates[0]);
        var decisionDiffers = Enumerable.Range(0, closed.Count).Count(i => fast[i].Decision != exhaustive[i].Decision);
        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"closed set   {closed.Count} probes of enrolled palms; threshold {threshold:F2} for FPIR {fpir:0.#e0} at {index.TemplateCount} captures"));
        output.WriteLine($"{string.Empty,-28}{"fast",-22}{"exhaustive",-22}");
        output.WriteLine($"{"rank-1",-28}{Rate(Rank1(fast), closed.Count),-22}{Rate(Rank1(exhaustive), closed.Count),-22}");
        output.WriteLine($"{"FNIR at FPIR " + fpir.ToString("0.#e0", Invariant),-28}{Rate(Misses(fast), closed.Count),-22}{Rate(Misses(exhaustive), closed.Count),-22}");
        output.WriteLine(string.Create(Invariant, $"fast vs exhaustive: top-1 palm or score differs for {topDiffers} probes, decision for {decisionDiffers}"));

        // Open set: alternate palms enroll, the others probe as outsiders; then the other way round.
        var palms = byPalm.Keys.Order().ToArray();
        var halves = new[] { palms.Where((_, i) => i % 2 == 0).ToHashSet(), palms.Where((_, i) => i % 2 == 1).ToHashSet() };
        var outsiderScores = new List<double>();
        var outsiderExhaustive = new List<double>();
        var insiderResults = new List<(double Best, bool Own, double Second)>();
        var insiderExhaustive = new List<(double Best, bool Own, double Second)>();
        var templates = 0;
        foreach (var half in halves)
        {
            var halfIndex = Build(byPalm, half);
            templates = halfIndex.TemplateCount;
            var outsiders = probes.Where(p => !half.Contains(p.Image.Palm)).ToList();
            var insiders = probes.Where(p => half.Contains(p.Image.Palm)).ToList();
            outsiderScores.AddRange(Search(halfIndex, outsiders, exhaustive: false, "open set: outsiders").Select(r => r.Candidates[0].Score));
            outsiderExhaustive.AddRange(Search(halfIndex, outsiders, exhaustive: true, "open set: outsiders (exhaustive)").Select(r => r.Candidates[0].Score));
            insiderResults.AddRange(Summarize(Search(halfIndex, insiders, exhaustive: false, "open set: insiders"), insiders));
            insiderExhaustive.AddRange(Summarize(Search(halfIndex, insiders, exhaustive: true, "open set: insiders (exhaustive)"), insiders));
        }

        output.WriteLine();
        output.WriteLine(string.Create(Invariant, $"open set     half the palms enrolled (about {templates} captures), the other half's {outsiderScores.Count} probes not enrolled; both halves in turn"));
        output.WriteLine($"{"target FPIR",-14}{"threshold",-12}{"measured FPIR (fast)",-24}{"(exhaustive)",-24}{"FNIR (fast)",-16}{"(exhaustive)",-16}");
        foreach (var target in new[] { 1e-1, 3e-2, 1e-2, 3e-3, 1e-3 })
        {
            var t = PalmIndex.ThresholdForFpir(target, templates);
            var falseMatches = outsiderScores.Count(s => s > t);
            var exhaustiveFalseMatches = outsiderExhaustive.Count(s => s > t);
            var missed = insiderResults.Count(r => !(r.Own && r.Best > t && r.Second <= t));
            var exhaustiveMissed = insiderExhaustive.Count(r => !(r.Own && r.Best > t && r.Second <= t));
            output.WriteLine(string.Create(Invariant, $"{target,-14:0.#e0}{t,-12:F2}{Fpir(falseMatches, outsiderScores.Count),-24}{Fpir(exhaustiveFalseMatches, outsiderExhaustive.Count),-24}{Rate(missed, insiderResults.Count),-16}{Rate(exhaustiveMissed, insiderExhaustive.Count),-16}"));
        }
    }

    /// <summary>Each enrolled probe's best score, whether it is the probe's own palm, and the second-best score.</summary>
    private static IEnumerable<(double Best, bool Own, double Second)> Summarize(IReadOnlyList<PalmSearchResult> results, List<ExtractedImage> probes) =>
        results.Select((r, i) => (r.Candidates[0].Score, r.Candidates[0].Id == Id(probes[i].Image.Palm), r.Candidates.Count > 1 ? r.Candidates[1].Score : 0));

    private static Guid Id(int palm) => new(palm + 1, 0, 0, new byte[8]);

    private static string Fpir(int count, int total) => ((double)count / total).ToString("0.00e0", Invariant) + $" ({count})";

    private static string Rate(int count, int total) => (100.0 * count / total).ToString("0.000", Invariant) + $"% ({count})";

    private static PalmIndex Build(Dictionary<int, List<PalmTemplate>> byPalm, IEnumerable<int> palms)
    {
        var index = new PalmIndex();
        foreach (var palm in palms)
        {
            index.Add(Id(palm), byPalm[palm].Take(PalmIndex.MaxCapturesPerPalm));
        }

        return index;
    }

    private List<ExtractedImage> Extract(IReadOnlyList<DatasetImage> images, bool asProbe)
    {
        var results = new ExtractedImage?[images.Count];
        var done = 0;
        using var phase = _progress.Start(asProbe ? "extracting probes" : "extracting enrolled images", images.Count);
        Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            try
            {
                var gray = ImageCodec.ReadGray(images[i].Path);
                if (asProbe)
                {
                    var probe = PalmExtractor.ExtractProbe(gray);
                    results[i] = new ExtractedImage(images[i], probe, probe.Template, null, 0);
                }
                else
                {
                    results[i] = new ExtractedImage(images[i], null, PalmExtractor.Extract(gray), null, 0);
                }
            }
            catch (Exception e) when (e is ImageFormatException or IOException or ArgumentException)
            {
                results[i] = null;
            }

            phase.Report(Interlocked.Increment(ref done));
        });
        return [.. results.Where(r => r is not null).Select(r => r!)];
    }

    private PalmSearchResult[] Search(PalmIndex index, List<ExtractedImage> probes, bool exhaustive, string name)
    {
        var options = new PalmSearchOptions { Candidates = 2, Exhaustive = exhaustive };
        var results = new PalmSearchResult[probes.Count];
        var done = 0;
        using var phase = _progress.Start(name, probes.Count);
        Parallel.For(0, probes.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            results[i] = index.Search(probes[i].Probe!, options);
            phase.Report(Interlocked.Increment(ref done));
        });
        return results;
    }
}
