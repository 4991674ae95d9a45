namespace PalmKey.Index;

/// <summary>
/// How many candidates each search stage keeps. The coarse stage keeps
/// max(<see cref="CoarseMinimum"/>, <see cref="CoarseFraction"/> x captures) captures for the refine
/// stage, which tries the probe's rotated codes on the best <see cref="RotatedFraction"/> of them and
/// keeps max(<see cref="RefineMinimum"/>, <see cref="RefineFraction"/> x captures) for the exact
/// matcher. The defaults were chosen by measurement (docs/benchmarks.md). Rotations go to every
/// survivor by default: on Tongji a quarter was enough, but synthetic palms, turned up to 6 degrees,
/// lost 3 of 200 genuine palms (scores up to 35) to a quarter at 10,000 palms and none to all.
/// </summary>
internal sealed record SearchTuning(double CoarseFraction, int CoarseMinimum, double RefineFraction, int RefineMinimum, double RotatedFraction = 1.0)
{
    public static SearchTuning Default { get; } = new(0.05, 4096, 2e-4, 256);

    public int CoarseKeep(int captures) => (int)Math.Min(captures, Math.Max(CoarseMinimum, Math.Ceiling(CoarseFraction * captures)));

    public int RefineKeep(int captures) => (int)Math.Min(captures, Math.Max(RefineMinimum, Math.Ceiling(RefineFraction * captures)));
}
