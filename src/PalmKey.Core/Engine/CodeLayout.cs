namespace PalmKey.Engine;

/// <summary>
/// The fixed geometry of algorithm 1's palm code. Every number here was chosen by measurement on real
/// palms (docs/accuracy.md); a change to any of them makes a new algorithm version, because templates
/// made with other values cannot be compared.
/// </summary>
internal static class CodeLayout
{
    /// <summary>The algorithm version written into every template.</summary>
    public const byte AlgorithmVersion = 1;

    /// <summary>The ROI is resampled to this many pixels square before filtering.</summary>
    public const int RoiSize = 128;

    /// <summary>Cells per side of the code grid; one row of one plane is one 32-bit word.</summary>
    public const int Grid = 32;

    /// <summary>Pixels between grid cells in the normalized ROI.</summary>
    public const int CellStep = 4;

    /// <summary>The pixel position of the first cell centre in the normalized ROI (cells sit at 2, 6, ..., 126).</summary>
    public const int FirstCell = 2;

    /// <summary>Filter orientations, evenly spread over 180 degrees.</summary>
    public const int Orientations = 6;

    /// <summary>Filter scales.</summary>
    public const int Scales = 2;

    /// <summary>Bit planes per scale: the winning orientation as a 3-bit code whose Hamming distance is the angular distance.</summary>
    public const int PlanesPerScale = Orientations / 2;

    /// <summary>Bit planes in all: one 32-bit word per plane per grid row.</summary>
    public const int Planes = Scales * PlanesPerScale;

    /// <summary>Words in a code: <see cref="Grid"/> rows of <see cref="Planes"/> words.</summary>
    public const int Words = Grid * Planes;

    /// <summary>Zero words stored after a code so that a 16-word vector load may start at any word of it.</summary>
    public const int Padding = 16;

    /// <summary>Words of a code plus its <see cref="Padding"/>.</summary>
    public const int PaddedWords = Words + Padding;

    /// <summary>Side of each square filter kernel, in pixels.</summary>
    public const int KernelSize = 21;

    /// <summary>Largest translation, in cells, that the matcher searches in each direction (12 pixels of the normalized ROI).</summary>
    public const int MaxShift = 3;

    /// <summary>Gaussian envelope widths of the two scales, in pixels of the normalized ROI.</summary>
    public static ReadOnlySpan<float> Sigmas => [3.4f, 5.6f];

    /// <summary>Wavelengths of the two scales, in pixels of the normalized ROI.</summary>
    public static ReadOnlySpan<float> Wavelengths => [7.8f, 13f];

    /// <summary>
    /// Rotations, in degrees, at which a probe image is coded in addition to its own orientation.
    /// Contactless palms come back a few degrees turned; trying the probe at +-5 degrees halved the
    /// equal error rate on Tongji. Five rotations (0, +-3, +-6) with <see cref="ProbeOffsets"/> lowered the
    /// image-level error further but raised the palm-level one, where impostors get more tries.
    /// </summary>
    public static ReadOnlySpan<float> ProbeRotations => [0f, -5f, 5f];

    /// <summary>
    /// Offsets, in ROI pixels, of the cell grid at which each probe rotation is coded again: half a
    /// cell across, down and both. The shift search moves in whole cells, and a palm that lands half a
    /// cell off scores far lower (a 2-pixel shift drops a genuine score from about 100 to about 35).
    /// Each offset must lie in [-<see cref="FirstCell"/>, 1] so the kernels stay inside the padding.
    /// </summary>
    public static ReadOnlySpan<(int X, int Y)> ProbeOffsets => HalfCellOffsets;

    private static readonly (int X, int Y)[] HalfCellOffsets = [(0, 0), (-2, 0), (0, -2), (-2, -2)];
}
