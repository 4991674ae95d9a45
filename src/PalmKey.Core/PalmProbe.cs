using PalmKey.Engine;

namespace PalmKey;

/// <summary>
/// A palm capture prepared for identification: its template plus codes of the same ROI turned a few
/// degrees each way, each also coded with the cell grid moved half a cell, so that a palm held at a
/// slightly different angle or position than at enrollment still matches. About 9 KB. Make one with
/// <see cref="PalmExtractor.ExtractProbe"/> and compare it with a <see cref="PalmMatcher"/>; store
/// only <see cref="Template"/>. Immutable and safe to share between threads.
/// </summary>
public sealed class PalmProbe
{
    private readonly uint[][] _codes;
    private readonly uint[][] _rotationCodes;

    /// <param name="codes">Rotation-major: the codes of rotation r are at r * gridOffsets.Length, its unmoved grid first.</param>
    /// <param name="gridOffsets">The grid offsets each rotation was coded at, in ROI pixels; the first is (0, 0).</param>
    internal PalmProbe(uint[][] codes, (int X, int Y)[] gridOffsets)
    {
        _codes = codes;
        GridOffsets = gridOffsets;
        _rotationCodes = [.. codes.Where((_, i) => i % gridOffsets.Length == 0)];
        Template = new PalmTemplate(codes[0]);
    }

    /// <summary>The template of the capture as it was taken (not rotated): what enrollment stores.</summary>
    public PalmTemplate Template { get; }

    /// <summary>Every prepared code, rotation-major; the first is <see cref="Template"/>'s.</summary>
    internal IReadOnlyList<uint[]> Codes => _codes;

    /// <summary>How many consecutive codes of <see cref="Codes"/> share one rotation.</summary>
    internal int OffsetsPerRotation => GridOffsets.Count;

    /// <summary>
    /// Where the grid of each of a rotation's codes sits, in ROI pixels, relative to the unmoved grid:
    /// <see cref="CodeLayout.ProbeOffsets"/> for an extracted probe, mirrored or swapped with the code
    /// for a synthetic one (<see cref="SyntheticPalms.Transform(PalmProbe, int)"/>).
    /// </summary>
    internal IReadOnlyList<(int X, int Y)> GridOffsets { get; }

    /// <summary>The codes of the capture turned by each prepared angle, untranslated; the first is <see cref="Template"/>'s.</summary>
    internal IReadOnlyList<uint[]> RotationCodes => _rotationCodes;
}
