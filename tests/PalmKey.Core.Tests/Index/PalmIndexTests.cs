using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class PalmIndexTests
{
    // Shortlists far smaller than the gallery, so that every search stage runs and cuts.
    private static readonly SearchTuning Tight = new(0.1, 8, 0.05, 4);

    [Fact]
    public void An_enrolled_palm_is_found_with_its_exact_matcher_score()
    {
        var index = Enroll(SyntheticSet.Palms, tuning: Tight);
        for (var p = 0; p < SyntheticSet.Palms; p += 5)
        {
            var probe = SyntheticSet.Probe(p, 2);
            var result = index.Search(probe);
            var expected = new PalmMatcher(probe).Match([SyntheticSet.Template(p, 0), SyntheticSet.Template(p, 1)]);
            Assert.Equal(SyntheticSet.Id(p), result.Candidates[0].Id);
            Assert.Equal(expected, result.Candidates[0].Score);
            Assert.Equal(PalmDecision.Match, result.Decision);
            Assert.Equal(result.Candidates[0], result.Match);
        }
    }

    [Fact]
    public void The_fast_search_lists_the_same_candidates_as_the_exhaustive_search()
    {
        var index = Enroll(SyntheticSet.Palms, tuning: Tight);
        var options = new PalmSearchOptions { Candidates = 3 };
        var exhaustive = new PalmSearchOptions { Candidates = 3, Exhaustive = true };
        for (var p = 0; p < SyntheticSet.Palms; p += 3)
        {
            var probe = SyntheticSet.Probe(p, 2);
            var fast = index.Search(probe, options);
            var all = index.Search(probe, exhaustive);
            Assert.Equal(all.Candidates[0], fast.Candidates[0]);
            Assert.Equal(all.Decision, fast.Decision);
        }
    }

    [Fact]
    public void Candidates_are_sorted_best_first_with_exact_scores_of_every_palm_in_an_exhaustive_search()
    {
        var index = Enroll(12);
        var probe = SyntheticSet.Probe(3, 2);
        var result = index.Search(probe, new PalmSearchOptions { Candidates = 12, Exhaustive = true, Threads = 2 });
        Assert.Equal(12, result.Candidates.Count);
        var matcher = new PalmMatcher(probe);
        for (var p = 0; p < 12; p++)
        {
            var score = matcher.Match([SyntheticSet.Template(p, 0), SyntheticSet.Template(p, 1)]);
            Assert.Contains(new PalmCandidate(SyntheticSet.Id(p), score), result.Candidates);
        }

        Assert.True(result.Candidates.Zip(result.Candidates.Skip(1)).All(pair => pair.First.Score >= pair.Second.Score));
    }

    [Fact]
    public void A_palm_that_is_not_enrolled_gets_no_match()
    {
        var index = Enroll(24, tuning: Tight);
        for (var p = 24; p < SyntheticSet.Palms; p += 4)
        {
            var result = index.Search(SyntheticSet.Probe(p, 2));
            Assert.Equal(PalmDecision.NoMatch, result.Decision);
            Assert.Null(result.Match);
            Assert.NotEmpty(result.Candidates);
            Assert.True(result.Candidates[0].Score <= result.Threshold);
        }
    }

    [Fact]
    public void Several_frames_score_each_palm_by_its_best_frame()
    {
        var index = Enroll(10);
        var frames = new[] { SyntheticSet.Probe(4, 2), SyntheticSet.Probe(4, 1) };
        var result = index.Search(frames, new PalmSearchOptions { Exhaustive = true });
        var expected = new PalmMatcher(frames).Match([SyntheticSet.Template(4, 0), SyntheticSet.Template(4, 1)]);
        Assert.Equal(expected, result.Candidates[0].Score);
        Assert.Equal(PalmIndex.ThresholdForFpir(1e-3, index.TemplateCount, probeFrames: 2), result.Threshold);
    }

    [Fact]
    public void Two_palms_above_the_threshold_are_ambiguous()
    {
        var index = new PalmIndex();
        index.Add(SyntheticSet.Id(1), [SyntheticSet.Template(1, 0)]);
        index.Add(SyntheticSet.Id(2), [SyntheticSet.Template(1, 1)]);
        var result = index.Search(SyntheticSet.Probe(1, 2));
        Assert.Equal(PalmDecision.Ambiguous, result.Decision);
        Assert.Null(result.Match);
    }

    [Fact]
    public void Remove_and_replace_change_what_searches_find()
    {
        var index = Enroll(16, tuning: Tight);
        var probe = SyntheticSet.Probe(5, 2);
        Assert.True(index.Remove(SyntheticSet.Id(5)));
        Assert.False(index.Remove(SyntheticSet.Id(5)));
        Assert.DoesNotContain(index.Search(probe, new PalmSearchOptions { Candidates = 16 }).Candidates, c => c.Id == SyntheticSet.Id(5));
        Assert.Equal(15, index.Count);
        Assert.Equal(30, index.TemplateCount);

        // Palm 9's id now holds palm 5's capture: the probe of palm 5 finds it under that id.
        Assert.True(index.Replace(SyntheticSet.Id(9), [SyntheticSet.Template(5, 0)]));
        Assert.False(index.Replace(SyntheticSet.Id(5), [SyntheticSet.Template(5, 0)]));
        var result = index.Search(probe);
        Assert.Equal(SyntheticSet.Id(9), result.Match?.Id);
        Assert.Equal(new PalmMatcher(probe).Match(SyntheticSet.Template(5, 0)), result.Match?.Score);
        Assert.Equal(29, index.TemplateCount);

        // Freed slots and records are reused.
        index.Add(SyntheticSet.Id(40), [SyntheticSet.Template(40, 0), SyntheticSet.Template(40, 1)]);
        Assert.Equal(SyntheticSet.Id(40), index.Search(SyntheticSet.Probe(40, 2)).Match?.Id);
        Assert.True(index.Contains(SyntheticSet.Id(40)));
        Assert.False(index.Contains(SyntheticSet.Id(5)));
    }

    [Fact]
    public void An_empty_index_finds_nothing()
    {
        var result = new PalmIndex().Search(SyntheticSet.Probe(0, 0));
        Assert.Equal(PalmDecision.NoMatch, result.Decision);
        Assert.Empty(result.Candidates);
    }

    [Fact]
    public void Bad_arguments_are_refused()
    {
        var index = Enroll(2);
        var template = SyntheticSet.Template(0, 0);
        Assert.Throws<ArgumentException>(() => index.Add(Guid.Empty, [template]));
        Assert.Throws<ArgumentException>(() => index.Add(SyntheticSet.Id(0), [template]));
        Assert.Throws<ArgumentException>(() => index.Add(SyntheticSet.Id(7), []));
        Assert.Throws<ArgumentException>(() => index.Add(SyntheticSet.Id(7), Enumerable.Repeat(template, PalmIndex.MaxCapturesPerPalm + 1)));
        Assert.Throws<ArgumentException>(() => index.Search(Array.Empty<PalmProbe>()));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(SyntheticSet.Probe(0, 0), new PalmSearchOptions { Threads = 0 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(SyntheticSet.Probe(0, 0), new PalmSearchOptions { Fpir = 1 }));
        Assert.Throws<ArgumentOutOfRangeException>(() => index.Search(SyntheticSet.Probe(0, 0), new PalmSearchOptions { Threshold = 101 }));
        Assert.Equal(2, index.Count);
    }

    [Fact]
    public void A_fixed_threshold_overrides_the_fpir()
    {
        var index = Enroll(4);
        var probe = SyntheticSet.Probe(2, 2);
        var best = index.Search(probe).Candidates[0].Score;
        Assert.Equal(PalmDecision.NoMatch, index.Search(probe, new PalmSearchOptions { Threshold = best }).Decision);
        Assert.Equal(PalmDecision.Match, index.Search(probe, new PalmSearchOptions { Threshold = best - 0.01 }).Decision);
    }

    [Fact]
    public void Enroll_refuses_a_palm_that_is_already_enrolled_and_accepts_a_new_one()
    {
        var index = Enroll(20, tuning: Tight);
        var again = index.Enroll(Guid.NewGuid(), [SyntheticSet.Probe(7, 2)]);
        Assert.Equal(SyntheticSet.Id(7), again?.Id);
        Assert.Equal(20, index.Count);

        var fresh = Guid.NewGuid();
        Assert.Null(index.Enroll(fresh, [SyntheticSet.Probe(30, 0), SyntheticSet.Probe(30, 1)]));
        Assert.Equal(21, index.Count);
        Assert.Equal(fresh, index.Search(SyntheticSet.Probe(30, 2)).Match?.Id);
        Assert.Equal(fresh, index.FindDuplicate([SyntheticSet.Probe(30, 2)])?.Id);
        Assert.Null(index.FindDuplicate([SyntheticSet.Probe(31, 2)]));
    }

    [Fact]
    public void Memory_per_capture_stays_under_a_kilobyte()
    {
        var index = Enroll(SyntheticSet.Palms);
        var perCapture = (double)index.ApproximateBytes / SlotSegmentCapacity;
        Assert.True(perCapture < 1024, $"{perCapture:F0} bytes per capture slot");
    }

    private const int SlotSegmentCapacity = SlotSegment.Capacity;

    private static PalmIndex Enroll(int palms, SearchTuning? tuning = null)
    {
        var index = new PalmIndex();
        if (tuning is not null)
        {
            index.Tuning = tuning;
        }

        for (var p = 0; p < palms; p++)
        {
            index.Add(SyntheticSet.Id(p), [SyntheticSet.Template(p, 0), SyntheticSet.Template(p, 1)]);
        }

        return index;
    }
}
