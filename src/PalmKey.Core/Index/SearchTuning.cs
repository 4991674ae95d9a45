namespace PalmKey.Index;

/// <summary>
/// How many candidates each search stage keeps. The coarse stage keeps
/// max(<see cref="CoarseMinimum"/>, <see cref="CoarseFraction"/> x captures) captures for the refine
/// stage, which refines the best <see cref="RotatedFraction"/> of them by coarse distance wider (every
/// rotation; SearchPipeline.RefineOne) and keeps max(<see cref="RefineMinimum"/>,
/// <see cref="RefineFraction"/> x captures) for the exact matcher. The defaults were chosen by
/// measurement (docs/benchmarks.md, fifth round), on 5,000 probes (4,768 recognizable: exact score above
/// the FPIR 1e-3 threshold) of 100,000 synthetic palms with each shortlist scaled to the share of the
/// gallery it keeps at a million. Keeping 1.5%, 2% or 3% of captures at the coarse stage lost 16, 11
/// and 7 own palms; each step costs refine work in proportion (3% costs about 7 ms more than 2% at a
/// million, which the faster coarse scan of the same round paid for). Refining half the survivors
/// wider instead of a quarter saved 3 at 1.5% and 1 at 2%; twice as many palms for the exact matcher
/// saved none. The coarse stage alone loses 12 at 1.5% and 5 at 3%, so the coarse code bounds what the
/// later stages can keep. With the refine stage of the sixth round, on 5,000 probes of a million
/// distinct palms (4,729 recognizable), keeping 3%, 4% or 5% lost 2, 1 and 1 own palms, at medians of
/// 22.0, 23.2 and 25.7 ms on the AMD EPYC machine; 3% stayed.
/// </summary>
internal sealed record SearchTuning(double CoarseFraction, int CoarseMinimum, double RefineFraction, int RefineMinimum, double RotatedFraction = 0.25)
{
    public static SearchTuning Default { get; } = new(0.03, 2048, 2e-4, 256);

    public int CoarseKeep(int captures) => (int)Math.Min(captures, Math.Max(CoarseMinimum, Math.Ceiling(CoarseFraction * captures)));

    public int RefineKeep(int captures) => (int)Math.Min(captures, Math.Max(RefineMinimum, Math.Ceiling(RefineFraction * captures)));
}
