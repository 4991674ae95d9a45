namespace PalmKey.Index;

/// <summary>
/// How many candidates each search stage keeps. The coarse stage keeps
/// max(<see cref="CoarseMinimum"/>, <see cref="CoarseFraction"/> x captures) captures for the refine
/// stage, which tries every rotation of the probe and offsets 2 cells each way on the best
/// <see cref="RotatedFraction"/> of them by coarse distance (the others at the rotation the coarse
/// stage chose, 1 cell each way) and
/// keeps max(<see cref="RefineMinimum"/>, <see cref="RefineFraction"/> x captures) for the exact
/// matcher. The defaults were chosen by measurement (docs/benchmarks.md): with the coarse stage's
/// rotation for the rest, a quarter kept every genuine palm that all rotations for everyone kept on
/// 200 probes of 100,000 synthetic palms, at about half the refine cost. With the version-3 coarse
/// code, the worst-ranked of 945 recognizable genuine palms (exact score above the FPIR 1e-3
/// threshold) among 100,000 drawn synthetic palms ranked 932nd at the coarse stage (0.93%), so the
/// coarse stage keeps 1.5% of captures (15,000 at a million) and at least 2,048; the refine stage
/// keeps 256 palms. A larger sample has a longer tail: of 4,768 recognizable probes among the same
/// palms, these shortlists lost 11 (docs/benchmarks.md).
/// </summary>
internal sealed record SearchTuning(double CoarseFraction, int CoarseMinimum, double RefineFraction, int RefineMinimum, double RotatedFraction = 0.25)
{
    public static SearchTuning Default { get; } = new(0.015, 2048, 2e-4, 256);

    public int CoarseKeep(int captures) => (int)Math.Min(captures, Math.Max(CoarseMinimum, Math.Ceiling(CoarseFraction * captures)));

    public int RefineKeep(int captures) => (int)Math.Min(captures, Math.Max(RefineMinimum, Math.Ceiling(RefineFraction * captures)));
}
