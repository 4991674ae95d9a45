using System.Buffers;
using System.Numerics;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;
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
    /// <summary>How many survivors ahead of the one being refined <see cref="Prefetch"/> fetches.</summary>
    private const int PrefetchAhead = 2;

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
        var seconds = ArrayPool<uint>.Shared.Rent(slotCount);
        try
        {
            var histogram = CoarseScan(slots, slotCount, plan, threads, results, seconds);
            var survivors = Select(results, seconds, slotCount, histogram, tuning.CoarseKeep(slotCount), slots);
            var keep = tuning.RefineKeep(slotCount);
            var refined = Refine(slots, plan, survivors, threads, tuning, keep);
            return Owners(slots, survivors, refined, keep);
        }
        finally
        {
            ArrayPool<uint>.Shared.Return(results);
            ArrayPool<uint>.Shared.Return(seconds);
        }
    }

    private static int[] CoarseScan(SlotSegment[] slots, int slotCount, ProbePlan plan, int threads, uint[] results, uint[] seconds)
    {
        var segments = (slotCount + SlotSegment.Capacity - 1) / SlotSegment.Capacity;
        var histogram = new int[CoarseCode.Bits + 1];
        void ScanSegment(int s, int[] local)
        {
            var start = s * SlotSegment.Capacity;
            var count = Math.Min(SlotSegment.Capacity, slotCount - start);
            var span = results.AsSpan(start, count);
            CoarseKernels.Scan(slots[s].Coarse, count, plan.CoarseVariants, span, seconds.AsSpan(start, count));
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
    /// skipping free slots, with their best and second-best coarse results.
    /// </summary>
    private static List<Survivor> Select(uint[] results, uint[] seconds, int slotCount, int[] histogram, int keep, SlotSegment[] slots)
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
        var selected = new List<Survivor>(keep);
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

            selected.Add(new Survivor(slot, result, seconds[slot]));
        }
    }

    /// <summary>
    /// The refine distance of each survivor (<see cref="RefineOne"/>). The best
    /// <see cref="SearchTuning.RotatedFraction"/> of survivors by coarse distance (at least the refine
    /// shortlist's size) are refined wider.
    /// </summary>
    private static int[] Refine(SlotSegment[] slots, ProbePlan plan, List<Survivor> survivors, int threads, SearchTuning tuning, int keep)
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
                if (n + PrefetchAhead < to)
                {
                    Prefetch(slots, survivors[n + PrefetchAhead].Slot);
                }

                distances[n] = RefineOne(slots, plan, survivors[n], gallery, wide[n]);
            }
        });
        return distances;
    }

    /// <summary>
    /// The refine distance of one survivor: the best over a few alignments near the ones its two best
    /// coarse distances came from.
    /// <list type="number">
    /// <item>The unmoved grid of the best coarse variant's rotation, at offsets up to 1 cell from its
    /// offset, or if <paramref name="wide"/> up to 2 cells, and then also the other rotations up to 1
    /// cell. Where the coarse stage tried only the unrotated code, every rotation is tried as the coarse
    /// rotation would be.</item>
    /// <item>The same near the second-best coarse variant, up to 1 cell, unless the first step already
    /// searched there (a wide survivor whose two best variants differ only in rotation).</item>
    /// <item>The half-cell grids of the best rotation, at the best offset and one step from it
    /// (<see cref="ProbePlan.HalfCellStep"/>), as the full matcher tries them near its best alignment.</item>
    /// </list>
    /// </summary>
    /// <remarks>
    /// Each part was measured on synthetic palms with the shortlists a million palms would have
    /// (docs/benchmarks.md, fifth and sixth rounds): the half-cell grids kept 9 more of 25 own palms
    /// that the shortlists had lost, and the other rotations at 1 cell kept as many as at 2 cells, with
    /// 43 comparisons per wide survivor instead of 75. The second-best variant keeps palms whose best
    /// coarse variant is a rotation or several cells away from their true alignment.
    /// </remarks>
    private static int RefineOne(SlotSegment[] slots, ProbePlan plan, Survivor survivor, uint[] gallery, bool wide)
    {
        RefineCode.Gallery(slots[survivor.Slot >> SlotSegment.Shift].Code(survivor.Slot & (SlotSegment.Capacity - 1)), gallery);
        var first = CoarseAlignment.Of(plan, survivor.Result);
        var best = new Alignment(int.MaxValue, first.Frame, 0, first.Dx, first.Dy);
        for (var r = 0; r < plan.CodesPerFrame; r++)
        {
            var coarse = first.Matches(r);
            if (coarse || wide)
            {
                var reach = coarse && wide ? 2 : 1;
                best = Nearest(gallery, plan, first.Frame, r, 0, first.Dx, first.Dy, reach, best);
            }
        }

        if ((survivor.Second >> 8) < byte.MaxValue)
        {
            var second = CoarseAlignment.Of(plan, survivor.Second);
            var searched = wide && second.Frame == first.Frame && second.Dx == first.Dx && second.Dy == first.Dy;
            for (var r = 0; r < plan.CodesPerFrame && !searched; r++)
            {
                if (second.Matches(r))
                {
                    best = Nearest(gallery, plan, second.Frame, r, 0, second.Dx, second.Dy, 1, best);
                }
            }
        }

        var (_, frame, rotation, bx, by) = best;
        for (var g = 1; g < plan.GridOffsets.Count; g++)
        {
            var (sx, sy) = ProbePlan.HalfCellStep(plan.GridOffsets[g]);
            best = Nearest(gallery, plan, frame, rotation, g, (Math.Min(bx, bx + sx), Math.Max(bx, bx + sx)), (Math.Min(by, by + sy), Math.Max(by, by + sy)), best);
        }

        return best.Distance;
    }

    /// <summary>
    /// Asks the processor to fetch the rows of a slot's full code that <see cref="RefineCode.Gallery"/>
    /// reads. Survivors lie scattered over the gallery's codes, so each one's rows would otherwise arrive
    /// from memory as it is refined; fetching them two survivors ahead cut the refine stage from 13.4 to
    /// 11.3 ms at a million palms (docs/benchmarks.md, fifth round).
    /// </summary>
    private static unsafe void Prefetch(SlotSegment[] slots, int slot)
    {
        if (!Sse.IsSupported)
        {
            return;
        }

        var codes = slots[slot >> SlotSegment.Shift].Codes;
        var start = ((slot & (SlotSegment.Capacity - 1)) * CodeLayout.Words) + RefineCode.FirstWord;
        fixed (uint* rows = &codes[start])
        {
            var bytes = (byte*)rows;
            for (var offset = 0; offset < RefineCode.SpanWords * sizeof(uint); offset += 64)
            {
                Sse.Prefetch0(bytes + offset);
            }
        }
    }

    /// <summary>The best of <paramref name="best"/> and the refine variants of one code at offsets up to <paramref name="reach"/> cells from (<paramref name="cx"/>, <paramref name="cy"/>).</summary>
    private static Alignment Nearest(uint[] gallery, ProbePlan plan, int frame, int rotation, int grid, int cx, int cy, int reach, Alignment best) =>
        Nearest(gallery, plan, frame, rotation, grid, (cx - reach, cx + reach), (cy - reach, cy + reach), best);

    /// <summary>The best of <paramref name="best"/> and the refine variants of one code at offsets in the given ranges (clipped to the code's).</summary>
    private static Alignment Nearest(uint[] gallery, ProbePlan plan, int frame, int rotation, int grid, (int From, int To) x, (int From, int To) y, Alignment best)
    {
        for (var dy = Math.Max(-RefineCode.MaxOffset, y.From); dy <= Math.Min(RefineCode.MaxOffset, y.To); dy++)
        {
            for (var dx = Math.Max(-RefineCode.MaxOffset, x.From); dx <= Math.Min(RefineCode.MaxOffset, x.To); dx++)
            {
                var distance = RefineCode.Distance(gallery, 0, plan.RefineVariants, plan.RefineStart(frame, rotation, grid, dx, dy));
                if (distance < best.Distance)
                {
                    best = new Alignment(distance, frame, rotation, dx, dy);
                }
            }
        }

        return best;
    }

    /// <summary>The distinct owners of the <paramref name="keep"/> survivors with the smallest refine distances.</summary>
    private static List<int> Owners(SlotSegment[] slots, List<Survivor> survivors, int[] distances, int keep)
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

    /// <summary>A refine distance and the frame, rotation and whole-cell offset it was found at.</summary>
    private readonly record struct Alignment(int Distance, int Frame, int Rotation, int Dx, int Dy);

    /// <summary>A capture the coarse stage kept, with its best and second-best coarse results.</summary>
    private readonly record struct Survivor(int Slot, uint Result, uint Second);

    /// <summary>
    /// Where a coarse result's variant lies: its frame, rotation and offset in cells. The rotation is
    /// -1 where the coarse stage tried only the unrotated code (<see cref="ProbePlan.CoarseRotations"/>).
    /// </summary>
    private readonly record struct CoarseAlignment(int Frame, int Rotation, int Dx, int Dy)
    {
        public static CoarseAlignment Of(ProbePlan plan, uint result)
        {
            var variant = (int)(result & 0xFF);
            var (dx, dy) = CoarseCode.Offset(variant % CoarseCode.OffsetsPerFrame);
            var rotation = plan.CoarseRotations == plan.CodesPerFrame ? variant % plan.CoarsePerFrame / CoarseCode.OffsetsPerFrame : -1;
            return new CoarseAlignment(variant / plan.CoarsePerFrame, rotation, dx, dy);
        }

        /// <summary>Whether rotation <paramref name="r"/> is this variant's, or may be where the coarse stage did not tell rotations apart.</summary>
        public bool Matches(int r) => Rotation < 0 || r == Rotation;
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
