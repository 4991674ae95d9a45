using System.Diagnostics;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Runs a verification and identification evaluation over a dataset: extracts every image once (from a
/// palm ROI, or from a whole-hand frame through <see cref="PalmLocalizer"/>), then
/// compares each probe image with each enrolled image (image level) and with each enrolled palm, using
/// all of that palm's enrolled images (palm level). Every comparison is counted.
/// </summary>
internal sealed class Evaluator
{
    private readonly int _threads;
    private readonly ProgressReporter _progress;

    public Evaluator(int threads, ProgressReporter progress)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(threads);
        _threads = threads;
        _progress = progress;
    }

    /// <summary>Evaluates a protocol on a dataset.</summary>
    /// <param name="dataset">The images.</param>
    /// <param name="protocol">Which images enroll and which probe.</param>
    /// <param name="input">What the images show; <see cref="InputMode.Auto"/> decides per set.</param>
    /// <param name="probeTransform">A change applied to probe frames before localization (whole-hand input only), or null.</param>
    public EvaluationResult Run(Dataset dataset, Protocol protocol, InputMode input = InputMode.Roi, FrameTransform? probeTransform = null)
    {
        var mode = input == InputMode.Auto ? InputModeDetector.Detect(dataset) : input;
        if (probeTransform is { IsIdentity: false } && (mode != InputMode.Hand || protocol.IsAllPairs))
        {
            throw new InvalidOperationException("Probe transforms need whole-hand input (--input hand) and a protocol with --enroll and --probe, so that enrolled images stay as they are.");
        }

        var transform = probeTransform is { IsIdentity: false } ? probeTransform : null;
        var (enrolledImages, probeImages) = protocol.Select(dataset);
        if (enrolledImages.Count == 0 || probeImages.Count == 0)
        {
            throw new InvalidOperationException(
                $"The protocol selects {enrolledImages.Count} enrolled and {probeImages.Count} probe images in {dataset.Root}; both must be non-empty. Check the --enroll and --probe patterns.");
        }

        var probeSet = probeImages.ToHashSet();
        var involved = enrolledImages.Concat(probeImages).Distinct().OrderBy(image => image.Index).ToList();
        var extracted = Extract(involved, probeSet, mode, transform);

        var enrolled = enrolledImages.Select(image => extracted[image.Index]).Where(e => e.Template is not null).ToList();
        var probes = probeImages.Select(image => extracted[image.Index]).Where(e => e.Probe is not null).ToList();
        var scores = Compare(dataset, protocol, enrolled, probes);

        var failures = extracted.Values.Where(e => e.Failure is not null).OrderBy(e => e.Image.Index).ToList();
        return new EvaluationResult(
            dataset,
            protocol,
            Images: involved.Count,
            Palms: involved.Select(image => image.Palm).Distinct().Count(),
            Failures: failures,
            ImageLevel: new LevelResult(new ErrorRates([.. scores.ImageGenuine], [.. scores.ImageImpostor]), scores.ImageRankOne),
            PalmLevel: new LevelResult(new ErrorRates([.. scores.PalmGenuine], [.. scores.PalmImpostor]), scores.PalmRankOne),
            ExtractMillisecondsMedian: Median(extracted.Values.Where(e => e.Failure is null).Select(e => e.ExtractMilliseconds)),
            MatchMicrosecondsMedian: Median(scores.MatchMicroseconds))
        {
            Input = mode,
            ProbeTransform = transform,
        };
    }

    private Dictionary<int, ExtractedImage> Extract(List<DatasetImage> images, HashSet<DatasetImage> probes, InputMode mode, FrameTransform? transform)
    {
        var results = new ExtractedImage[images.Count];
        var done = 0;
        using var phase = _progress.Start("extracting", images.Count);
        Parallel.For(0, images.Count, new ParallelOptions { MaxDegreeOfParallelism = _threads }, i =>
        {
            var asProbe = probes.Contains(images[i]);
            results[i] = mode == InputMode.Hand
                ? ExtractFromHand(images[i], asProbe, asProbe ? transform : null)
                : ExtractOne(images[i], asProbe);
            phase.Report(Interlocked.Increment(ref done));
        });
        return results.ToDictionary(r => r.Image.Index);
    }

    private static ExtractedImage ExtractOne(DatasetImage image, bool asProbe)
    {
        GrayImage gray;
        try
        {
            gray = ImageCodec.ReadGray(image.Path);
        }
        catch (ImageFormatException e)
        {
            return new ExtractedImage(image, null, null, e.Message, 0);
        }
        catch (IOException e)
        {
            return new ExtractedImage(image, null, null, $"cannot read: {e.Message}", 0);
        }

        if (gray.Width < PalmExtractor.MinimumRoiSide || gray.Height < PalmExtractor.MinimumRoiSide)
        {
            return new ExtractedImage(image, null, null, $"{gray.Width}x{gray.Height} is smaller than the {PalmExtractor.MinimumRoiSide}-pixel minimum ROI", 0);
        }

        var start = Stopwatch.GetTimestamp();
        if (asProbe)
        {
            var probe = PalmExtractor.ExtractProbe(gray);
            return new ExtractedImage(image, probe, probe.Template, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var template = PalmExtractor.Extract(gray);
        return new ExtractedImage(image, null, template, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    /// <summary>
    /// Localizes the palm in a whole-hand frame and codes its ROI; a localization verdict other than Ok is
    /// a failure to enroll, named by its verdict. The time covers localization and coding (frame to
    /// template), not decoding.
    /// </summary>
    private static ExtractedImage ExtractFromHand(DatasetImage image, bool asProbe, FrameTransform? transform)
    {
        RgbImage frame;
        try
        {
            frame = ImageCodec.ReadRgb(image.Path);
        }
        catch (ImageFormatException e)
        {
            return new ExtractedImage(image, null, null, e.Message, 0);
        }
        catch (IOException e)
        {
            return new ExtractedImage(image, null, null, $"cannot read: {e.Message}", 0);
        }

        if (transform is not null)
        {
            frame = transform.Apply(frame);
        }

        var gray = HandFrames.GrayIfNeutral(frame);
        var start = Stopwatch.GetTimestamp();
        var located = gray is null ? PalmLocalizer.Locate(frame) : PalmLocalizer.Locate(gray);
        if (!located.IsOk)
        {
            return new ExtractedImage(image, null, null, HandFrames.Describe(located), 0);
        }

        if (asProbe)
        {
            var probe = PalmExtractor.ExtractProbe(located.Roi!);
            return new ExtractedImage(image, probe, probe.Template, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
        }

        var template = PalmExtractor.Extract(located.Roi!);
        return new ExtractedImage(image, null, template, null, Stopwatch.GetElapsedTime(start).TotalMilliseconds);
    }

    private ScoreSets Compare(Dataset dataset, Protocol protocol, List<ExtractedImage> enrolled, List<ExtractedImage> probes)
    {
        // The enrolled images of each palm, as indexes into `enrolled`.
        var byPalm = new List<int>[dataset.PalmIds.Count];
        for (var palm = 0; palm < byPalm.Length; palm++)
        {
            byPalm[palm] = [];
        }

        for (var j = 0; j < enrolled.Count; j++)
        {
            byPalm[enrolled[j].Image.Palm].Add(j);
        }

        var enrolledPalms = Enumerable.Range(0, byPalm.Length).Where(palm => byPalm[palm].Count > 0).ToArray();
        var total = new ScoreSets();
        var done = 0;
        using var phase = _progress.Start("matching", probes.Count);
        Parallel.For(
            0,
            probes.Count,
            new ParallelOptions { MaxDegreeOfParallelism = _threads },
            () => new ScoreSets(),
            (p, _, local) =>
            {
                CompareProbe(protocol, probes[p], enrolled, byPalm, enrolledPalms, local);
                phase.Report(Interlocked.Increment(ref done));
                return local;
            },
            local =>
            {
                lock (total)
                {
                    total.Add(local);
                }
            });
        return total;
    }

    private static void CompareProbe(
        Protocol protocol,
        ExtractedImage probe,
        List<ExtractedImage> enrolled,
        List<int>[] byPalm,
        int[] enrolledPalms,
        ScoreSets into)
    {
        var matcher = new PalmMatcher(probe.Probe!);
        var self = probe.Image;
        var row = new float[enrolled.Count];
        var start = Stopwatch.GetTimestamp();
        var compared = 0;
        for (var j = 0; j < enrolled.Count; j++)
        {
            if (enrolled[j].Image == self)
            {
                row[j] = float.NaN;
                continue;
            }

            row[j] = (float)matcher.Match(enrolled[j].Template!);
            compared++;
        }

        if (compared > 0)
        {
            into.MatchMicroseconds.Add(Stopwatch.GetElapsedTime(start).TotalMicroseconds / compared);
        }

        // Image level. In all-pairs mode each unordered pair counts once: the probe meets only earlier images.
        float bestGenuine = float.NegativeInfinity, bestImpostor = float.NegativeInfinity;
        for (var j = 0; j < enrolled.Count; j++)
        {
            if (float.IsNaN(row[j]))
            {
                continue;
            }

            var genuine = enrolled[j].Image.Palm == self.Palm;
            if (genuine)
            {
                bestGenuine = Math.Max(bestGenuine, row[j]);
            }
            else
            {
                bestImpostor = Math.Max(bestImpostor, row[j]);
            }

            if (!protocol.IsAllPairs || enrolled[j].Image.Index < self.Index)
            {
                (genuine ? into.ImageGenuine : into.ImageImpostor).Add(row[j]);
            }
        }

        into.ImageRankOne.Count(bestGenuine, bestImpostor);

        // Palm level: a palm's score is its best enrolled image's score (the rule PalmMatcher uses).
        float bestOwn = float.NegativeInfinity, bestOther = float.NegativeInfinity;
        foreach (var palm in enrolledPalms)
        {
            var score = float.NegativeInfinity;
            foreach (var j in byPalm[palm])
            {
                if (!float.IsNaN(row[j]))
                {
                    score = Math.Max(score, row[j]);
                }
            }

            if (float.IsNegativeInfinity(score))
            {
                continue;
            }

            if (palm == self.Palm)
            {
                into.PalmGenuine.Add(score);
                bestOwn = score;
            }
            else
            {
                into.PalmImpostor.Add(score);
                bestOther = Math.Max(bestOther, score);
            }
        }

        into.PalmRankOne.Count(bestOwn, bestOther);
    }

    private static double Median(IEnumerable<double> values)
    {
        var sorted = values.Order().ToArray();
        if (sorted.Length == 0)
        {
            return double.NaN;
        }

        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }
}
