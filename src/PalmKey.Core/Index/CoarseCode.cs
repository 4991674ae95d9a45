using System.Numerics;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The compact code that the first stage of a search scans for every enrolled capture: 243 bits
/// (8 words, 32 bytes) pooled from the large-scale planes of the full code.
/// </summary>
/// <remarks>
/// <para>
/// Each bit is the majority (13 or more of 25) of one large-scale bit plane over a 5x5 window of
/// cells; windows sit every 3 cells on a 9x9 grid from cell 3, so neighbours overlap by 2 cells, and
/// cells past the code's edge count as zeros. Pooling makes the code tolerate a misalignment of a cell,
/// so a probe is tried at 16 offsets, -3, -1, +1 and +3 cells each way, instead of the full matcher's
/// 49 shifts; no shift the matcher tries is then more than a cell from a probe offset.
/// </para>
/// <para>
/// Measured on the 945 recognizable probes of 1,000 in a gallery of 100,000 synthetic palms
/// (docs/benchmarks.md): version 2 (5x5 windows every 2 cells, 507 bits, 9 offsets -2, 0, +2) ranked
/// 4 own palms beyond 2,048th, down to 4,899th, all shifted by about 3 cells or turned; this version
/// ranks every one within the first 932, for about 12% more scan time (48 variants of 8 words against
/// 27 of 16) and half the memory. On 5,000 probes the tail is longer for both: 6 of 4,768 own palms
/// rank beyond 2,048th with this version (worst 10,352nd). Fewer bits (a stride of 4 cells, or 2
/// planes) lost far more palms.
/// Plain subsampling missed more genuine palms than pooling, and the small-scale planes add little to
/// the coarse ranking.
/// </para>
/// <para>
/// A gallery code is pooled at offset (0, 0). A probe variant at offset (dx, dy) pools the probe's
/// windows moved by (dx, dy) cells, so probe cell (x + dx, y + dy) meets gallery cell (x, y).
/// </para>
/// </remarks>
internal static class CoarseCode
{
    /// <summary>Words in a coarse code.</summary>
    public const int Words = 8;

    /// <summary>Bits in use: 9 x 9 windows x 3 planes; the last 13 bits of the last word stay zero.</summary>
    public const int Bits = Cells * Cells * PlanesUsed;

    /// <summary>The largest offset, in cells, at which a probe variant is pooled.</summary>
    public const int MaxOffset = 3;

    /// <summary>Probe offsets per axis: -3, -1, +1 and +3.</summary>
    public const int OffsetsPerAxis = 4;

    /// <summary>Probe offsets per frame: 4 x 4.</summary>
    public const int OffsetsPerFrame = OffsetsPerAxis * OffsetsPerAxis;

    /// <summary>Changes whenever the coarse code's definition changes, so that snapshots can tell stale coarse codes.</summary>
    public const byte Version = 3;

    private const int Cells = 9;
    private const int Step = 3;
    private const int Origin = 3;
    private const int Window = 5;
    private const uint WindowMask = (1u << Window) - 1;
    private const int Majority = 13;
    private const int FirstPlane = CodeLayout.PlanesPerScale;
    private const int PlanesUsed = CodeLayout.PlanesPerScale;

    /// <summary>The coarse code of an enrolled capture (offset 0, 0).</summary>
    public static void Gallery(ReadOnlySpan<uint> code, Span<uint> coarse) => Pool(code, 0, 0, coarse);

    /// <summary>Offset <paramref name="index"/> (0..15) as (dx, dy) in cells.</summary>
    public static (int Dx, int Dy) Offset(int index) => (((index % OffsetsPerAxis) * 2) - MaxOffset, ((index / OffsetsPerAxis) * 2) - MaxOffset);

    /// <summary>Pools <paramref name="code"/> with its windows moved by (<paramref name="dx"/>, <paramref name="dy"/>) cells.</summary>
    public static void Pool(ReadOnlySpan<uint> code, int dx, int dy, Span<uint> coarse)
    {
        if (code.Length < CodeLayout.Words || coarse.Length < Words)
        {
            throw new ArgumentException($"A full code and a {Words}-word coarse buffer are needed.", nameof(code));
        }

        if (Math.Abs(dx) > MaxOffset || Math.Abs(dy) > MaxOffset)
        {
            throw new ArgumentOutOfRangeException(nameof(dx), $"Offsets go up to {MaxOffset} cells.");
        }

        coarse[..Words].Clear();
        var bit = 0;
        for (var row = 0; row < Cells; row++)
        {
            var top = Origin + dy + (Step * row);
            var rows = Math.Min(Window, CodeLayout.Grid - top);
            for (var column = 0; column < Cells; column++)
            {
                // Origin >= MaxOffset keeps `top` and `left` at 0 or more; shifting the row right by
                // `left` brings zeros in past the last column.
                var left = Origin + dx + (Step * column);
                for (var plane = FirstPlane; plane < FirstPlane + PlanesUsed; plane++)
                {
                    var count = 0;
                    for (var k = 0; k < rows; k++)
                    {
                        count += BitOperations.PopCount((code[((top + k) * CodeLayout.Planes) + plane] >> left) & WindowMask);
                    }

                    if (count >= Majority)
                    {
                        coarse[bit >> 5] |= 1u << (bit & 31);
                    }

                    bit++;
                }
            }
        }
    }
}
