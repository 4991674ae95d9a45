using System.Collections.Concurrent;
using PalmKey.Index;

namespace PalmKey.Tests.Index;

public sealed class PalmIndexConcurrencyTests
{
    [Fact]
    public async Task Searches_during_replacements_see_one_whole_state_of_a_palm()
    {
        var index = new PalmIndex { Tuning = new SearchTuning(0.2, 8, 0.1, 4) };
        for (var p = 0; p < 30; p++)
        {
            index.Add(SyntheticSet.Id(p), [SyntheticSet.Template(p, 0)]);
        }

        // The target palm flips between two captures of palm 40 and one capture of palm 41.
        var target = Guid.NewGuid();
        PalmTemplate[] first = [SyntheticSet.Template(40, 0), SyntheticSet.Template(40, 1)];
        PalmTemplate[] second = [SyntheticSet.Template(41, 0)];
        index.Add(target, first);
        var probe = SyntheticSet.Probe(40, 2);
        var matcher = new PalmMatcher(probe);
        double[] allowed = [matcher.Match(first), matcher.Match(second)];

        using var stop = new CancellationTokenSource();
        var replacements = 0;
        var writer = Task.Run(() =>
        {
            while (!stop.IsCancellationRequested)
            {
                index.Replace(target, replacements % 2 == 0 ? second : first);
                replacements++;
            }
        }, TestContext.Current.CancellationToken);

        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var options = new PalmSearchOptions { Candidates = 40, Exhaustive = r == 1, Threads = 1 };

            // At least 400 searches, and on until the writer has had time to run: on 2 busy cores it may start late.
            for (var i = 0; i < 400 || (Volatile.Read(ref replacements) <= 10 && i < 100_000); i++)
            {
                var result = index.Search(probe, options);
                var mine = result.Candidates.Where(c => c.Id == target).ToList();
                Assert.True(mine.Count <= 1);
                if (r == 1)
                {
                    Assert.Single(mine);
                }

                foreach (var candidate in mine)
                {
                    Assert.Contains(candidate.Score, allowed);
                }
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        await Task.WhenAll(readers);
        await stop.CancelAsync();
        await writer;
        Assert.True(replacements > 10, $"only {replacements} replacements ran alongside the searches");
    }

    [Fact]
    public async Task A_removed_palm_is_never_returned_by_a_search_that_began_after_its_removal()
    {
        var index = new PalmIndex { Tuning = new SearchTuning(0.02, 16, 0.01, 8) };
        for (var p = 10; p < SyntheticSet.Palms; p++)
        {
            index.Add(SyntheticSet.Id(p), [SyntheticSet.Template(p, 0)]);
        }

        var removed = new ConcurrentDictionary<Guid, bool>();
        var live = new ConcurrentDictionary<Guid, bool>();
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(() =>
        {
            // Enough adds to fill more than one slot segment, so that searches also meet new segments.
            for (var i = 0; i < SlotSegment.Capacity + 500 && !stop.IsCancellationRequested; i++)
            {
                var id = Guid.NewGuid();
                index.Add(id, [SyntheticSet.Template(i % 10, i % 2)]);
                live[id] = true;
                if (i % 2 == 1)
                {
                    var victim = live.Keys.First();
                    live.TryRemove(victim, out _);
                    Assert.True(index.Remove(victim));
                    removed[victim] = true;
                }
            }
        }, TestContext.Current.CancellationToken);

        var searches = 0;
        var readers = Enumerable.Range(0, 2).Select(r => Task.Run(() =>
        {
            var options = new PalmSearchOptions { Candidates = 20, Exhaustive = r == 1 && searches % 5 == 0 };
            var n = 0;
            while (!writer.IsCompleted)
            {
                var gone = removed.Keys.ToHashSet();
                var result = index.Search(SyntheticSet.Probe(n % 10, 2), options);
                Assert.DoesNotContain(result.Candidates, c => gone.Contains(c.Id));
                Interlocked.Increment(ref searches);
                n++;
            }
        }, TestContext.Current.CancellationToken)).ToArray();

        await writer;
        await Task.WhenAll(readers);
        Assert.True(searches > 10, $"only {searches} searches ran alongside the writer");
        Assert.Equal(SyntheticSet.Palms - 10 + ((SlotSegment.Capacity + 500) / 2), index.Count);
        foreach (var id in removed.Keys.Take(50))
        {
            Assert.False(index.Contains(id));
        }
    }
}
