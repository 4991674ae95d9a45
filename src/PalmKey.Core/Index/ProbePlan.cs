namespace PalmKey.Index;

/// <summary>
/// Everything a search derives from its probe once, before it touches the gallery: the coarse
/// variants, made from the frames' untranslated rotation codes (<see cref="PalmProbe.RotationCodes"/>),
/// the refine variants, made from every code of every frame (each rotation on each half-cell grid,
/// <see cref="PalmProbe.Codes"/>), and the exact stage's <see cref="PalmMatcher"/>. The exact
/// stage scores only through that matcher, so a palm's score is by construction the one
/// <see cref="PalmMatcher.Match(PalmTemplate)"/> gives, whatever variants the engine prepares for a probe.
/// Immutable after construction and shared by the search's worker threads.
/// </summary>
internal sealed class ProbePlan
{
    /// <summary>The most frames one probe may carry (the coarse scan tells variants apart in a byte).</summary>
    public const int MaxFrames = CoarseKernels.MaxVariants / CoarseCode.OffsetsPerFrame;

    public ProbePlan(IReadOnlyList<PalmProbe> frames)
    {
        Frames = frames.Count;
        CodesPerFrame = frames[0].RotationCodes.Count;
        GridOffsets = frames[0].GridOffsets;
        CoarseRotations = Frames * CodesPerFrame * CoarseCode.OffsetsPerFrame <= CoarseKernels.MaxVariants ? CodesPerFrame : 1;
        CoarseVariants = new uint[Frames * CoarsePerFrame * CoarseCode.Words];
        var perFrame = CodesPerFrame * GridOffsets.Count * RefineCode.OffsetsPerAxis * RefineCode.OffsetsPerAxis;
        RefineVariants = new uint[Frames * perFrame * RefineCode.Words];
        for (var f = 0; f < Frames; f++)
        {
            var codes = frames[f].RotationCodes;
            if (codes.Count != CodesPerFrame || !frames[f].GridOffsets.SequenceEqual(GridOffsets))
            {
                throw new ArgumentException("Every frame of a probe must carry the same rotations and grid offsets.", nameof(frames));
            }

            // The coarse stage tries every rotation of the frame where the variants fit in a byte.
            for (var r = 0; r < CoarseRotations; r++)
            {
                for (var o = 0; o < CoarseCode.OffsetsPerFrame; o++)
                {
                    var (dx, dy) = CoarseCode.Offset(o);
                    CoarseCode.Pool(codes[r], dx, dy, CoarseVariants.AsSpan(((f * CoarsePerFrame) + (r * CoarseCode.OffsetsPerFrame) + o) * CoarseCode.Words, CoarseCode.Words));
                }
            }

            var all = frames[f].Codes;
            for (var c = 0; c < all.Count; c++)
            {
                for (var dy = -RefineCode.MaxOffset; dy <= RefineCode.MaxOffset; dy++)
                {
                    for (var dx = -RefineCode.MaxOffset; dx <= RefineCode.MaxOffset; dx++)
                    {
                        var start = RefineStart(f, c / GridOffsets.Count, c % GridOffsets.Count, dx, dy);
                        RefineCode.Probe(all[c], dx, dy, RefineVariants.AsSpan(start, RefineCode.Words));
                    }
                }
            }
        }

        Matcher = new PalmMatcher(frames);
    }

    public int Frames { get; }

    /// <summary>Rotations per frame.</summary>
    public int CodesPerFrame { get; }

    /// <summary>The half-cell grid offsets each rotation is coded at (<see cref="PalmProbe.GridOffsets"/>); the first is the unmoved grid.</summary>
    public IReadOnlyList<(int X, int Y)> GridOffsets { get; }

    /// <summary>Rotations per frame that the coarse stage tries: all of them, or only the unrotated code where they would not fit in a byte.</summary>
    public int CoarseRotations { get; }

    /// <summary>Coarse variants per frame.</summary>
    public int CoarsePerFrame => CoarseRotations * CoarseCode.OffsetsPerFrame;

    /// <summary>Coarse variants: frame f, rotation r, offset o at ((f * CoarsePerFrame) + (r * CoarseCode.OffsetsPerFrame) + o) * CoarseCode.Words.</summary>
    public uint[] CoarseVariants { get; }

    /// <summary>Refine variants, <see cref="RefineCode.Words"/> each; see <see cref="RefineStart"/>.</summary>
    public uint[] RefineVariants { get; }

    /// <summary>The exact matcher of the whole probe, every frame; the exact stage scores only through it.</summary>
    public PalmMatcher Matcher { get; }

    /// <summary>Where the refine variant of frame f, rotation r, grid g, offset (dx, dy) starts.</summary>
    public int RefineStart(int frame, int rotation, int grid, int dx, int dy)
    {
        var code = (((frame * CodesPerFrame) + rotation) * GridOffsets.Count) + grid;
        return ((((code * RefineCode.OffsetsPerAxis) + dy + RefineCode.MaxOffset) * RefineCode.OffsetsPerAxis) + dx + RefineCode.MaxOffset) * RefineCode.Words;
    }

    /// <summary>
    /// The step s, per axis, from the unmoved grid's best offset to where a grid moved by
    /// <paramref name="offset"/> pixels may meet the gallery. A palm half a cell off on an axis the grid
    /// moves on lies between two whole-cell offsets, k and k + s with s = -sign(offset); the unmoved grid
    /// finds one or the other, and the moved grid meets the palm at k + s. So the moved grid is tried at
    /// the unmoved grid's best offset and one step s from it (CodeGeometryTests).
    /// </summary>
    public static (int Dx, int Dy) HalfCellStep((int X, int Y) offset) => (-Math.Sign(offset.X), -Math.Sign(offset.Y));
}
