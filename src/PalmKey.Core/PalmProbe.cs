namespace PalmKey;

/// <summary>
/// A palm capture prepared for identification: its template plus codes of the same ROI turned a few
/// degrees each way, so that a palm held at a slightly different angle than at enrollment still
/// matches. About 2.4 KB. Make one with <see cref="PalmExtractor.ExtractProbe"/> and compare it with a
/// <see cref="PalmMatcher"/>; store only <see cref="Template"/>. Immutable and safe to share between threads.
/// </summary>
public sealed class PalmProbe
{
    private readonly uint[][] _codes;

    internal PalmProbe(uint[][] codes)
    {
        _codes = codes;
        Template = new PalmTemplate(codes[0]);
    }

    /// <summary>The template of the capture as it was taken (not rotated): what enrollment stores.</summary>
    public PalmTemplate Template { get; }

    /// <summary>Every prepared code; the first is <see cref="Template"/>'s.</summary>
    internal IReadOnlyList<uint[]> Codes => _codes;

    /// <summary>The codes of the capture turned by each prepared angle, untranslated; the first is <see cref="Template"/>'s.</summary>
    internal IReadOnlyList<uint[]> RotationCodes => _codes;
}
