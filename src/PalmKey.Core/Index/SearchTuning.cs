namespace PalmKey.Index;

/// <summary>
/// How many candidates each search stage keeps. The coarse stage keeps
/// max(<see cref="CoarseMinimum"/>, <see cref="CoarseFraction"/> x captures) captures for the refine
/// stage, which refines the best <see cref="RotatedFraction"/> of them by coarse distance wider (every
/// rotation; SearchPipeline.RefineOne) and keeps max(<see cref="RefineMinimum"/>,
/// <see cref="RefineFraction"/> x captures) for the exact matcher. The defaults were chosen by
/// measurement (docs/benchmarks.md, fifth round), on 5,000 probes (4,768 recognizable: exact score above
/// the FPIR 1e-3 threshold) of 100,000 synthetic palms with each shortlist scaled to the share of the
/// gallery it keeps at a million. Keeping 2% of captures instead of 1.5% at the coarse stage lost 11
/// own palms instead of 16, for about a third more refine work. Refining half the survivors wider
/// instead of a quarter saved 3 at 1.5% and 1 at 2%; twice as many palms for the exact matcher saved
/// none. The coarse stage alone, keeping 1.5%, already loses 12 (5 at 3%), so the coarse code bounds
/// what the later stages can keep.
/// </summary>
internal sealed record SearchTuning(double CoarseFraction, int CoarseMinimum, double RefineFraction, int RefineMinimum, double RotatedFraction = 0.25)
{
    public static SearchTuning Default { get; } = new(0.02, 2048, 2e-4, 256);

    public int CoarseKeep(int captures) => (int)Math.Min(captures, Math.Max(CoarseMinimum, Math.Ceiling(CoarseFraction * captures)));

    public int RefineKeep(int captures) => (int)Math.Min(captures, Math.Max(RefineMinimum, Math.Ceiling(RefineFraction * captures)));
}
