using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// One identification search over an <see cref="IndexStore"/>, in three stages: the coarse scan of
/// every capture (<see cref="CoarseKernels"/>), the refine stage on the coarse shortlist
/// (<see cref="RefineCode"/>), and the exact matcher on the palms that own the refine shortlist. The
/// exact stage scores every capture of each shortlisted palm through the probe's <see cref="PalmMatcher"/>
/// (<see cref="PalmMatcher.MinDistance"/>), so a palm's score never depends on the shortlists; they
/// decide only which palms are scored.
/// </summary>
internal static class SearchPipeline
{

    public static List<ScoredPalm> Run(IndexStore store, ProbePlan plan, int threads, bool exhaustive, SearchTuning tuning)
    {
        // The high-water mark first: every slot below it has its segment in the array read after it.
        var slotCount = store.SlotHighWater;
        var slots = store.Slots;
        List<int> palms;
        if (exhaustive || slotCount <= tuning.RefineKeep(slotCount))
        {
            palms = [.. Enumerable.Range(0, store.PalmHighWater)];
        }
        else
        {
            palms = Shortlist(slots, slotCount, plan, threads, tuning);
        }

        return ScorePalms(store, plan, palms, threads);
    }

    /// <summary>The coarse and refine stages: the distinct palms that own the refine shortlist.</summary>
    private static List<int> Shortlist(SlotSegment[] slots, int slotCount, ProbePlan plan, int threads, SearchTuning tuning)
    {
        var results = ArrayPool<uint>.Shared.Rent(slotCount);
        try
        {
            var histogram = CoarseScan(slots, slotCount, plan, threads, results);
            var survivors = Select(results, slotCount, histogram, tuning.CoarseKeep(slotCount), slots);
            var keep = tuning.RefineKeep(slotCount);
            var refined = Refine(slots, plan, survivors, threads, tuning, keep);
            return Owners(slots, survivors, refined, keep);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(results);
        }
    }

    private static int[] CoarseScan(SlotSegment[] slots, int slotCount, ProbePlan plan, int threads, uint[] results)
    {
        var segments = (slotCount + SlotSegment.Capacity - 1) / SlotSegment.Capacity;
        var histogram = new int[CoarseCode.Bits + 1];
        void ScanSegment(int s, int[] local)
        {
            var start = s * SlotSegment.Capacity;
            var count = Math.Min(SlotSegment.Capacity, slotCount - start);
            var span = results.AsSpan(start, count);
            CoarseKernels.Scan(slots[s].Coarse, count, plan.CoarseVariants, span);
            foreach (var result in span)
            {
                local[result >> 8]++;
            }
        }

        if (threads <= 1 || segments == 1)
        {
            for (var s = 0; s < segments; s++)
            {
                ScanSegment(s, histogram);
            }

            return histogram;
        }

        Parallel.For(
            0,
            segments,
            new ParallelOptions { MaxDegreeOfParallelism = threads },
            () => new int[CoarseCode.Bits + 1],
            (s, _, local) =>
            {
                ScanSegment(s, local);
                return local;
            },
            local =>
            {
                lock (histogram)
                {
                    for (var i = 0; i < local.Length; i++)
                    {
                        histogram[i] += local[i];
                    }
                }
            });
        return histogram;
    }

    /// <summary>
    /// The <paramref name="keep"/> slots with the smallest coarse distances (ties broken by slot order),
    /// skipping free slots, as (slot, result) pairs.
    /// </summary>
    private static List<(int Slot, uint Result)> Select(uint[] results, int slotCount, int[] histogram, int keep, SlotSegment[] slots)
    {
        var cutoff = 0;
        var below = 0;
        while (cutoff < histogram.Length - 1 && below + histogram[cutoff] < keep)
        {
            below += histogram[cutoff];
            cutoff++;
        }

        // Results are (distance << 8) | variant: below the cutoff means result < cutoff << 8.
        var ties = keep - below;
        var limit = (uint)((cutoff + 1) << 8);
        var selected = new List<(int, uint)>(keep);
        var i = 0;
        if (Vector512.IsHardwareAccelerated)
        {
            var bound = Vector512.Create(limit);
            ref var start = ref MemoryMarshal.GetArrayDataReference(results);
            for (; i + 16 <= slotCount; i += 16)
            {
                var mask = Vector512.LessThan(Vector512.LoadUnsafe(ref start, (nuint)i), bound).ExtractMostSignificantBits();
                while (mask != 0)
                {
                    var j = i + BitOperations.TrailingZeroCount(mask);
                    Take(j);
                    mask &= mask - 1;
                }
            }
        }

        for (; i < slotCount; i++)
        {
            if (results[i] < limit)
            {
                Take(i);
            }
        }

        return selected;

        void Take(int slot)
        {
            var result = results[slot];
            if (slots[slot >> SlotSegment.Shift].Owner[slot & (SlotSegment.Capacity - 1)] < 0)
            {
                return;
            }

            if ((result >> 8) == (uint)cutoff)
            {
                if (ties <= 0)
                {
                    return;
                }

                ties--;
            }

            selected.Add((slot, result));
        }
    }

    /// <summary>
    /// The refine distance of each survivor: the best over the offsets around its coarse offset, at the
    /// rotation that won its coarse distance (every rotation where the coarse stage tried only the
    /// unrotated code). The best <see cref="SearchTuning.RotatedFraction"/> of survivors by coarse distance
    /// (at least the refine shortlist's size) are refined wider: at every rotation and 2 cells each way
    /// instead of 1. The coarse winner is not always the right rotation, nor the probe offset nearest the
    /// true shift: with 16 coarse offsets, a genuine palm scoring 48.9 dropped out with 1 cell each way
    /// and was kept with 2, and a genuine palm ranked 18th by the coarse stage dropped out
    /// with its coarse rotation alone (docs/benchmarks.md). Refining every survivor this widely would
    /// compare about 3 times as many variants. The coarse winner can still mislead: at a million, two
    /// genuine palms were lost with a wrong rotation or an offset 3 cells off (docs/benchmarks.md).
    /// </summary>
    private static int[] Refine(SlotSegment[] slots, ProbePlan plan, List<(int Slot, uint Result)> survivors, int threads, SearchTuning tuning, int keep)
    {
        var coarse = new int[survivors.Count];
        for (var n = 0; n < coarse.Length; n++)
        {
            coarse[n] = (int)(survivors[n].Result >> 8);
        }

        var wide = new bool[survivors.Count];
        foreach (var n in Smallest(coarse, CoarseCode.Bits, Math.Max(keep, (int)Math.Ceiling(tuning.RotatedFraction * survivors.Count))))
        {
            wide[n] = true;
        }

        var distances = new int[survivors.Count];
        ForRanges(survivors.Count, threads, 256, (from, to) =>
        {
            var gallery = new uint[RefineCode.Words];
            for (var n = from; n < to; n++)
            {
                if (wide[n])
                {
                    distances[n] = RefineOne(slots, plan, survivors[n], gallery, 0, plan.CodesPerFrame, 2);
                }
                else if (plan.CoarseRotations != plan.CodesPerFrame)
                {
                    distances[n] = RefineOne(slots, plan, survivors[n], gallery, 0, plan.CodesPerFrame, 1);
                }
                else
                {
                    var r = (int)(survivors[n].Result & 0xFF) % plan.CoarsePerFrame / CoarseCode.OffsetsPerFrame;
                    distances[n] = RefineOne(slots, plan, survivors[n], gallery, r, r + 1, 1);
                }
            }
        });
        return distances;
    }

    /// <summary>
    /// The best refine distance of one survivor over codes [firstCode, endCode) of its frame and the
    /// offsets up to <paramref name="reach"/> cells from its coarse offset.
    /// </summary>
    private static int RefineOne(SlotSegment[] slots, ProbePlan plan, (int Slot, uint Result) survivor, uint[] gallery, int firstCode, int endCode, int reach)
    {
        var (slot, result) = survivor;
        RefineCode.Gallery(slots[slot >> SlotSegment.Shift].Code(slot & (SlotSegment.Capacity - 1)), gallery);
        var variant = (int)(result & 0xFF);
        var frame = variant / plan.CoarsePerFrame;
        var (cx, cy) = CoarseCode.Offset(variant % CoarseCode.OffsetsPerFrame);
        var best = int.MaxValue;
        for (var r = firstCode; r < endCode; r++)
        {
            for (var dy = Math.Max(-RefineCode.MaxOffset, cy - reach); dy <= Math.Min(RefineCode.MaxOffset, cy + reach); dy++)
            {
                for (var dx = Math.Max(-RefineCode.MaxOffset, cx - reach); dx <= Math.Min(RefineCode.MaxOffset, cx + reach); dx++)
                {
                    best = Math.Min(best, RefineCode.Distance(gallery, 0, plan.RefineVariants, plan.RefineStart(frame, r, dx, dy)));
                }
            }
        }

        return best;
    }

    /// <summary>The distinct owners of the <paramref name="keep"/> survivors with the smallest refine distances.</summary>
    private static List<int> Owners(SlotSegment[] slots, List<(int Slot, uint Result)> survivors, int[] distances, int keep)
    {
        var owners = new HashSet<int>();
        var list = new List<int>();
        foreach (var n in Smallest(distances, RefineCode.Bits, keep))
        {
            var slot = survivors[n].Slot;
            var owner = slots[slot >> SlotSegment.Shift].Owner[slot & (SlotSegment.Capacity - 1)];
            if (owner >= 0 && owners.Add(owner))
            {
                list.Add(owner);
            }
        }

        return list;
    }

    /// <summary>
    /// The positions of the <paramref name="keep"/> smallest values (0 to <paramref name="maxValue"/>;
    /// larger values are never kept), ties in position order, found with a histogram in linear time.
    /// </summary>
    internal static List<int> Smallest(int[] values, int maxValue, int keep)
    {
        var histogram = new int[maxValue + 2];
        foreach (var value in values)
        {
            histogram[Math.Min((uint)value, (uint)maxValue + 1)]++;
        }

        var cutoff = 0;
        var below = 0;
        while (cutoff <= maxValue && below + histogram[cutoff] < keep)
        {
            below += histogram[cutoff];
            cutoff++;
        }

        var ties = keep - below;
        var kept = new List<int>(Math.Min(keep, values.Length));
        for (var i = 0; i < values.Length; i++)
        {
            if ((uint)values[i] < (uint)cutoff || ((uint)values[i] == (uint)cutoff && cutoff <= maxValue && ties-- > 0))
            {
                kept.Add(i);
            }
        }

        return kept;
    }

    /// <summary>Exact scores of the given palm records; records that hold no palm are left out.</summary>
    private static List<ScoredPalm> ScorePalms(IndexStore store, ProbePlan plan, List<int> handles, int threads)
    {
        var scores = new ScoredPalm?[handles.Count];
        void ScoreRange(int from, int to)
        {
            var codes = new uint[IndexStore.MaxCaptures][];
            for (var c = 0; c < codes.Length; c++)
            {
                codes[c] = new uint[CodeLayout.PaddedWords];
            }

            for (var n = from; n < to; n++)
            {
                if (!store.TryReadPalm(handles[n], codes, out var id, out var captures))
                {
                    continue;
                }

                var best = 1.0;
                for (var c = 0; c < captures; c++)
                {
                    best = Math.Min(best, plan.Matcher.MinDistance(codes[c]));
                }

                scores[n] = new ScoredPalm(handles[n], id, PalmMatcher.ScoreOf(best));
            }
        }

        ForRanges(handles.Count, threads, 16, ScoreRange);
        var list = new List<ScoredPalm>(handles.Count);
        foreach (var score in scores)
        {
            if (score is { } s)
            {
                list.Add(s);
            }
        }

        // Best first; equal scores in id order, so that results do not depend on slot layout.
        list.Sort((a, b) => b.Score != a.Score ? b.Score.CompareTo(a.Score) : a.Id.CompareTo(b.Id));
        return list;
    }

    /// <summary>Runs <paramref name="body"/> over [0, count) in ranges, on up to <paramref name="threads"/> threads.</summary>
    private static void ForRanges(int count, int threads, int minimumRange, Action<int, int> body)
    {
        var ranges = Math.Min(threads, Math.Max(1, count / minimumRange));
        if (ranges <= 1)
        {
            body(0, count);
            return;
        }

        // A few ranges per thread even out threads that get less of the processor.
        var pieces = ranges * 4;
        Parallel.For(0, pieces, new ParallelOptions { MaxDegreeOfParallelism = threads }, piece =>
            body((int)((long)count * piece / pieces), (int)((long)count * (piece + 1) / pieces)));
    }
}
