namespace PalmKey.Index;

/// <summary>
/// How many candidates each search stage keeps. The coarse stage keeps
/// max(<see cref="CoarseMinimum"/>, <see cref="CoarseFraction"/> x captures) captures for the refine
/// stage, which tries every rotation of the probe on the best <see cref="RotatedFraction"/> of them by
/// coarse distance (the others at the rotation the coarse stage chose) and
/// keeps max(<see cref="RefineMinimum"/>, <see cref="RefineFraction"/> x captures) for the exact
/// matcher. The defaults were chosen by measurement (docs/benchmarks.md): with the coarse stage's
/// rotation for the rest, a quarter kept every genuine palm that all rotations for everyone kept on
/// 200 probes of 100,000 synthetic palms, at about half the refine cost. With the 5x5-window coarse
/// code, the worst-ranked of 371 recognizable genuine palms (exact score above the FPIR 1e-3
/// threshold) among a million symmetric synthetic palms ranked 1,482nd at the coarse stage and 5th at
/// the refine stage, which 1% of captures (10,000 at a million) and 256 palms keep; among 100,000
/// drawn palms 4 of 945 recognizable probes still rank beyond the 2,048 kept (docs/benchmarks.md).
/// </summary>
internal sealed record SearchTuning(double CoarseFraction, int CoarseMinimum, double RefineFraction, int RefineMinimum, double RotatedFraction = 0.25)
{
    public static SearchTuning Default { get; } = new(0.01, 2048, 2e-4, 256);

    public int CoarseKeep(int captures) => (int)Math.Min(captures, Math.Max(CoarseMinimum, Math.Ceiling(CoarseFraction * captures)));

    public int RefineKeep(int captures) => (int)Math.Min(captures, Math.Max(RefineMinimum, Math.Ceiling(RefineFraction * captures)));
}
