namespace PalmKey.Index;

/// <summary>
/// Everything a search derives from its probe once, before it touches the gallery: the coarse
/// variants and the refine variants, both made from the frames' untranslated rotation codes
/// (<see cref="PalmProbe.RotationCodes"/>), and the exact stage's <see cref="PalmMatcher"/>. The exact
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
        CoarseRotations = Frames * CodesPerFrame * CoarseCode.OffsetsPerFrame <= CoarseKernels.MaxVariants ? CodesPerFrame : 1;
        CoarseVariants = new uint[Frames * CoarsePerFrame * CoarseCode.Words];
        var perFrame = CodesPerFrame * RefineCode.OffsetsPerAxis * RefineCode.OffsetsPerAxis;
        RefineVariants = new uint[Frames * perFrame * RefineCode.Words];
        for (var f = 0; f < Frames; f++)
        {
            var codes = frames[f].RotationCodes;
            if (codes.Count != CodesPerFrame)
            {
                throw new ArgumentException("Every frame of a probe must carry the same rotations.", nameof(frames));
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

            for (var r = 0; r < CodesPerFrame; r++)
            {
                for (var dy = -RefineCode.MaxOffset; dy <= RefineCode.MaxOffset; dy++)
                {
                    for (var dx = -RefineCode.MaxOffset; dx <= RefineCode.MaxOffset; dx++)
                    {
                        RefineCode.Probe(codes[r], dx, dy, RefineVariants.AsSpan(RefineStart(f, r, dx, dy), RefineCode.Words));
                    }
                }
            }
        }

        Matcher = new PalmMatcher(frames);
    }

    public int Frames { get; }

    public int CodesPerFrame { get; }

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

    /// <summary>Where the refine variant of frame f, code r, offset (dx, dy) starts.</summary>
    public int RefineStart(int frame, int code, int dx, int dy) =>
        ((((((frame * CodesPerFrame) + code) * RefineCode.OffsetsPerAxis) + dy + RefineCode.MaxOffset) * RefineCode.OffsetsPerAxis) + dx + RefineCode.MaxOffset) * RefineCode.Words;
}
