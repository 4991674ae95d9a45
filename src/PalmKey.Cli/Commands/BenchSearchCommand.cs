using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using PalmKey.Cli.Evaluation;
using PalmKey.Cli.Synthesis;

namespace PalmKey.Cli.Commands;

/// <summary>
/// <c>palmkey bench-search</c>: builds an index of synthetic palms and measures identification latency,
/// memory, snapshot load time and agreement of the fast search with the exhaustive one.
/// </summary>
internal static class BenchSearchCommand
{
    public static Command Create()
    {
        var gallery = new Option<int>("--gallery") { Description = "Enrolled palms (one capture each).", Required = true };
        var threads = new Option<int>("--threads") { Description = "Threads per search.", DefaultValueFactory = _ => Environment.ProcessorCount };
        var json = new Option<FileInfo?>("--json") { Description = "Write the results as JSON to this file." };
        var probes = new Option<int>("--probes") { Description = "Timed probes of enrolled palms; as many of palms that are not enrolled are timed too.", DefaultValueFactory = _ => 200 };
        var agreement = new Option<int>("--agreement-probes") { Description = "Probes of enrolled palms also searched exhaustively, for top-1 agreement (costs about 3.6 us x gallery each, split over the threads).", DefaultValueFactory = _ => 200 };
        var recall = new Option<int>("--recall-probes") { Description = "Probes of enrolled palms, up to one per palm, for which the bench checks that the fast search's shortlists kept the probe's own palm whenever its exact score passes the threshold; costs one fast search each.", DefaultValueFactory = _ => 1000 };
        var seed = new Option<int>("--seed") { Description = "Synthetic population.", DefaultValueFactory = _ => 1 };
        var cache = new Option<DirectoryInfo?>("--cache") { Description = "Folder to keep synthesized gallery templates in between runs." };
        var derive = new Option<int>("--derive") { Description = $"Palms per drawn synthetic palm, 1 to {SyntheticGallery.MaxDerive}: above 1, mirrored and turned copies of each drawn palm enroll as further palms, for galleries too large to draw in the time at hand (docs/benchmarks.md).", DefaultValueFactory = _ => 1 };
        var symmetries = new Option<int>("--symmetries") { Description = $"Palms per drawn synthetic palm, 1 to {SyntheticGallery.MaxDerive}, made at the template level: above 1, further palms are a drawn palm's code mirrored or turned (SyntheticPalms.Transform), with the same genuine scores and no drawing or extraction; for galleries too large to draw (docs/accuracy.md).", DefaultValueFactory = _ => 1 };
        var repeat = new Option<int>("--repeat") { Description = "Enroll each synthetic palm this many times, under different ids: latency, memory and snapshot figures for a large gallery without synthesizing it. Copies tie, so top-1 agreement is not measured (null).", DefaultValueFactory = _ => 1 };
        repeat.Validators.Add(result =>
        {
            if (result.GetValueOrDefault<int>() < 1)
            {
                result.AddError("--repeat must be at least 1.");
            }
        });
        foreach (var option in new[] { derive, symmetries })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() is < 1 or > SyntheticGallery.MaxDerive)
                {
                    result.AddError($"{result.Option.Name} must be 1 to {SyntheticGallery.MaxDerive}.");
                }
            });
        }
        foreach (var option in new[] { gallery, threads, probes })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 1)
                {
                    result.AddError($"{result.Option.Name} must be at least 1.");
                }
            });
        }

        foreach (var option in new[] { agreement, recall })
        {
            option.Validators.Add(result =>
            {
                if (result.GetValueOrDefault<int>() < 0)
                {
                    result.AddError($"{result.Option.Name} must not be negative.");
                }
            });
        }

        var command = new Command("bench-search", "Measure 1:N search on a synthetic gallery: latency, memory, snapshot load and agreement with exhaustive search.")
        {
            gallery, threads, json, probes, agreement, recall, seed, cache, derive, symmetries, repeat,
        };
        command.Validators.Add(result =>
        {
            if (result.GetValue(derive) > 1 && result.GetValue(symmetries) > 1)
            {
                result.AddError("--derive and --symmetries cannot be combined.");
            }
        });
        command.SetAction(parse =>
        {
            var result = Run(
                parse.GetValue(gallery),
                parse.GetValue(threads),
                parse.GetValue(probes),
                Math.Min(parse.GetValue(agreement), parse.GetValue(probes)),
                parse.GetValue(seed),
                parse.GetValue(cache)?.FullName,
                Console.Out,
                new ProgressReporter(Console.Error, !Console.IsErrorRedirected),
                parse.GetValue(derive),
                parse.GetValue(repeat),
                parse.GetValue(symmetries),
                parse.GetValue(recall));
            if (parse.GetValue(json) is { } file)
            {
                using var stream = File.Create(file.FullName);
                WriteJson(result, stream);
            }

            return 0;
        });
        return command;
    }

    public static BenchSearchResult Run(int size, int threads, int probeCount, int agreementCount, int seed, string? cacheFolder, TextWriter output, ProgressReporter progress, int derive = 1, int repeat = 1, int symmetries = 1, int recallCount = 0)
    {
        var invariant = CultureInfo.InvariantCulture;
        var synthesisThreads = Environment.ProcessorCount;
        var distinct = (size + repeat - 1) / repeat;
        if (repeat > 1)
        {
            agreementCount = 0;
        }

        var (templates, synthesisSeconds, made) = SyntheticGallery.CachedTemplates(seed, (distinct + symmetries - 1) / symmetries, synthesisThreads, cacheFolder, progress, derive);
        templates = SyntheticGallery.Symmetric(templates, distinct, symmetries, synthesisThreads);
        output.WriteLine(string.Create(invariant, $"gallery      {size:N0} synthetic palms, one capture each (seed {seed}{(derive > 1 ? $", {derive} palms per drawn palm" : string.Empty)}{(symmetries > 1 ? $", {symmetries} palms per drawn palm by code symmetries" : string.Empty)}{(repeat > 1 ? $", {distinct:N0} distinct palms each enrolled up to {repeat} times" : string.Empty)}); {(made > 0 ? $"{made:N0} synthesized in {synthesisSeconds:F1} s on {synthesisThreads} threads ({synthesisSeconds * 1000 * synthesisThreads / made:F2} ms per palm per thread)" : "templates from the cache")}"));

        GC.Collect();
        var workingSetBefore = Environment.WorkingSet;
        var start = Stopwatch.GetTimestamp();
        var index = new PalmIndex();
        for (var p = 0; p < size; p++)
        {
            index.Add(SyntheticGallery.Id(p), [templates[p % distinct]]);
        }

        var buildSeconds = Stopwatch.GetElapsedTime(start).TotalSeconds;

        // Copies tie with their palm, so the shortlist check needs distinct palms.
        recallCount = repeat > 1 ? 0 : Math.Min(recallCount, distinct);
        var recallPalms = new long[recallCount];
        var recallTemplates = new PalmTemplate[recallCount];
        for (var i = 0; i < recallCount; i++)
        {
            recallPalms[i] = EnrolledPalm(i, recallCount);
            recallTemplates[i] = templates[recallPalms[i]];
        }

        templates = [];
        GC.Collect();
        var workingSetDelta = Environment.WorkingSet - workingSetBefore;
        var bytesPerPalm = (double)index.ApproximateBytes / size;
        output.WriteLine(string.Create(invariant, $"build        {buildSeconds:F2} s ({buildSeconds * 1e6 / size:F2} us per palm, one thread)"));
        output.WriteLine(string.Create(invariant, $"memory       {bytesPerPalm:F0} bytes per palm in the index's arrays; process working set grew {workingSetDelta / (double)size:F0} bytes per palm"));

        var (snapshotBytes, loadSeconds) = MeasureSnapshot(index, cacheFolder, threads);
        output.WriteLine(string.Create(invariant, $"snapshot     {snapshotBytes / 1e6:F1} MB, loaded in {loadSeconds:F2} s on {threads} threads"));

        // Probes: capture 1 of enrolled palms spread over the gallery, and palms never enrolled.
        var genuine = new PalmProbe[probeCount];
        var outsiders = new PalmProbe[probeCount];
        var genuinePalms = new long[probeCount];
        Parallel.For(0, probeCount, new ParallelOptions { MaxDegreeOfParallelism = synthesisThreads }, i =>
        {
            genuinePalms[i] = EnrolledPalm(i, probeCount);
            genuine[i] = EnrolledProbe(genuinePalms[i]);
            outsiders[i] = SyntheticGallery.SymmetricProbe(SyntheticGallery.Outsider(seed, i / symmetries, derive), i, symmetries);
        });

        var options = new PalmSearchOptions { Threads = threads };
        foreach (var probe in genuine.Take(5))
        {
            index.Search(probe, options);
        }

        var latencies = new List<double>();
        var fast = new PalmSearchResult[probeCount * 2];
        for (var i = 0; i < probeCount * 2; i++)
        {
            var probe = i % 2 == 0 ? genuine[i / 2] : outsiders[i / 2];
            var t0 = Stopwatch.GetTimestamp();
            fast[i] = index.Search(probe, options);
            latencies.Add(Stopwatch.GetElapsedTime(t0).TotalMilliseconds);
        }

        latencies.Sort();
        var median = Percentile(latencies, 0.5);
        var p99 = Percentile(latencies, 0.99);
        var rankOne = Enumerable.Range(0, probeCount).Count(i => fast[2 * i].Candidates.Count > 0 && fast[2 * i].Candidates[0].Id == SyntheticGallery.Id(genuinePalms[i]));
        var matched = Enumerable.Range(0, probeCount).Count(i => fast[2 * i].Match?.Id == SyntheticGallery.Id(genuinePalms[i]));
        var falseMatches = Enumerable.Range(0, probeCount).Count(i => fast[(2 * i) + 1].Decision != PalmDecision.NoMatch);
        output.WriteLine(string.Create(invariant, $"search       {threads} threads, {probeCount} enrolled + {probeCount} not-enrolled probes: median {median:F2} ms, p99 {p99:F2} ms, max {latencies[^1]:F2} ms"));
        output.WriteLine(string.Create(invariant, $"decisions    at FPIR 1e-3 (threshold {fast[0].Threshold:F2}): enrolled probes matched to their palm {matched}/{probeCount}, ranked first {rankOne}/{probeCount}; not-enrolled probes matched {falseMatches}/{probeCount}"));

        // Agreement with exhaustive search.
        var exhaustiveOptions = new PalmSearchOptions { Threads = threads, Exhaustive = true };
        int agree = 0, decisionAgree = 0, outsiderDecisionAgree = 0, outsiderTopAgree = 0;
        var outsiderCount = Math.Min(agreementCount, probeCount) / 4;
        using (var phase = progress.Start("exhaustive searches", agreementCount + outsiderCount))
        {
            for (var i = 0; i < agreementCount; i++)
            {
                var exact = index.Search(genuine[i], exhaustiveOptions);
                decisionAgree += SameDecision(exact, fast[2 * i]) ? 1 : 0;
                if (SameTop(exact, fast[2 * i]))
                {
                    agree++;
                }
                else
                {
                    output.WriteLine(string.Create(invariant, $"  disagreement: probe of palm {genuinePalms[i]}: exhaustive top {Describe(exact)}, fast top {Describe(fast[2 * i])}"));
                }

                phase.Report(i + 1);
            }

            for (var i = 0; i < outsiderCount; i++)
            {
                var exact = index.Search(outsiders[i], exhaustiveOptions);
                outsiderDecisionAgree += exact.Decision == fast[(2 * i) + 1].Decision ? 1 : 0;
                outsiderTopAgree += SameTop(exact, fast[(2 * i) + 1]) ? 1 : 0;
                phase.Report(agreementCount + i + 1);
            }
        }

        var agreement = agreementCount == 0 ? double.NaN : (double)agree / agreementCount;
        output.WriteLine(string.Create(invariant, $"agreement    top-1 equal to exhaustive search for {agree}/{agreementCount} enrolled probes, same decision (and matched palm) {decisionAgree}/{agreementCount}; not-enrolled probes: same decision {outsiderDecisionAgree}/{outsiderCount}, same top-1 {outsiderTopAgree}/{outsiderCount}"));
        if (recallCount > 0)
        {
            var recallProbes = new PalmProbe[recallCount];
            Parallel.For(0, recallCount, new ParallelOptions { MaxDegreeOfParallelism = synthesisThreads }, i => recallProbes[i] = EnrolledProbe(recallPalms[i]));
            CheckShortlists(index, recallPalms, recallProbes, recallTemplates, threads, fast[0].Threshold, output, progress);
        }

        return new BenchSearchResult(size, threads, median, p99, bytesPerPalm, agreement, buildSeconds);

        // Probe i of count: spread over the gallery and, with derived or symmetric palms, over the variants of a drawn palm.
        long EnrolledPalm(int i, int count)
        {
            var palm = (long)distinct * i / count;
            var perDrawn = derive * symmetries;
            return Math.Min(distinct - 1, palm - (palm % perDrawn) + (i % perDrawn));
        }

        PalmProbe EnrolledProbe(long palm) => SyntheticGallery.SymmetricProbe(SyntheticGallery.Probe(seed, palm / symmetries, 1, derive), palm, symmetries);
    }

    /// <summary>
    /// Whether the fast search's shortlists kept each probe's own palm: the exact stage scores only the
    /// palms the shortlists pass on and lists them all, so the own palm is among the candidates exactly
    /// when it was kept. Counted over the probes whose own exact score passes the threshold, where losing
    /// the palm would change the answer.
    /// </summary>
    private static void CheckShortlists(PalmIndex index, long[] palms, PalmProbe[] probes, PalmTemplate[] templates, int threads, double threshold, TextWriter output, ProgressReporter progress)
    {
        var options = new PalmSearchOptions { Threads = threads, Candidates = 100_000 };
        int recognizable = 0, kept = 0, first = 0;
        using (var phase = progress.Start("shortlist check", palms.Length))
        {
            for (var i = 0; i < palms.Length; i++)
            {
                var probe = probes[i];
                var own = new PalmMatcher(probe).Match(templates[i]);
                if (own >= threshold)
                {
                    var id = SyntheticGallery.Id(palms[i]);
                    var result = index.Search(probe, options);
                    recognizable++;
                    if (result.Candidates.Any(c => c.Id == id))
                    {
                        kept++;
                    }
                    else
                    {
                        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"  lost by the shortlists: probe of palm {palms[i]} (own exact score {own:F2})"));
                    }

                    first += result.Candidates[0].Id == id ? 1 : 0;
                }

                phase.Report(i + 1);
            }
        }

        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"shortlists   kept the probe's own palm for {kept}/{recognizable} enrolled probes whose own exact score passes the threshold ({threshold:F2}), of {palms.Length} checked; own palm ranked first {first}/{recognizable}"));
    }

    public static void WriteJson(BenchSearchResult result, Stream stream)
    {
        using var json = new Utf8JsonWriter(stream, new JsonWriterOptions { Indented = true });
        json.WriteStartObject();
        json.WriteNumber("gallery", result.Gallery);
        json.WriteNumber("threads", result.Threads);
        json.WriteNumber("median_ms", Math.Round(result.MedianMilliseconds, 3));
        json.WriteNumber("p99_ms", Math.Round(result.P99Milliseconds, 3));
        json.WriteNumber("bytes_per_palm", Math.Round(result.BytesPerPalm, 1));
        if (double.IsFinite(result.TopOneAgreement))
        {
            json.WriteNumber("top1_agreement", result.TopOneAgreement);
        }
        else
        {
            json.WriteNull("top1_agreement");
        }

        json.WriteNumber("build_s", Math.Round(result.BuildSeconds, 3));
        json.WriteEndObject();
    }

    private static (long Bytes, double LoadSeconds) MeasureSnapshot(PalmIndex index, string? folder, int threads)
    {
        var path = Path.Combine(folder ?? Path.GetTempPath(), $"bench-search-{Environment.ProcessId}.pkix");
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        try
        {
            using (var stream = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20))
            {
                index.Save(stream);
            }

            // Read once to warm the file cache, as a restart right after a save would find it.
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                stream.CopyTo(Stream.Null);
            }

            var start = Stopwatch.GetTimestamp();
            PalmIndex loaded;
            using (var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20))
            {
                loaded = PalmIndex.Load(stream, threads);
            }

            var seconds = Stopwatch.GetElapsedTime(start).TotalSeconds;
            if (loaded.Count != index.Count)
            {
                throw new InvalidOperationException($"The snapshot reloaded {loaded.Count} palms of {index.Count}.");
            }

            return (new FileInfo(path).Length, seconds);
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static bool SameTop(PalmSearchResult a, PalmSearchResult b) =>
        a.Candidates.Count > 0 && b.Candidates.Count > 0 && a.Candidates[0] == b.Candidates[0];

    private static bool SameDecision(PalmSearchResult a, PalmSearchResult b) => a.Decision == b.Decision && a.Match?.Id == b.Match?.Id;

    private static string Describe(PalmSearchResult result) =>
        result.Candidates.Count == 0 ? "none" : string.Create(CultureInfo.InvariantCulture, $"palm {SyntheticGallery.Palm(result.Candidates[0].Id)} ({result.Candidates[0].Score:F2})");

    private static double Percentile(List<double> sorted, double fraction) => sorted[Math.Clamp((int)Math.Ceiling(fraction * sorted.Count) - 1, 0, sorted.Count - 1)];
}
