using System.Numerics;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The compact code that the first stage of a search scans for every enrolled capture: 507 bits
/// (16 words, 64 bytes) pooled from the large-scale planes of the full code.
/// </summary>
/// <remarks>
/// <para>
/// Each bit is the majority (13 or more of 25) of one large-scale bit plane over a 5x5 window of
/// cells; windows sit every 2 cells on a 13x13 grid, so neighbours overlap, and cells past the code's
/// edge count as zeros. Pooling makes the code tolerate a misalignment of a cell or more, so a probe
/// is tried at only 9 offsets, -2, 0 and +2 cells each way, instead of the full matcher's 49 shifts.
/// Plain subsampling at 9 offsets missed far more genuine palms than pooling, and the small-scale
/// planes add little to the coarse ranking (docs/benchmarks.md). Version 1 pooled 3x3 blocks: on 300
/// probes of 100,000 synthetic palms, genuine palms whose best alignment fell a cell and a half from
/// the nearest probe offset ranked down to 26,382nd, where 5x5 windows rank every one of them within
/// the first 146. A shorter tail remains at shifts of 3 cells (docs/benchmarks.md).
/// </para>
/// <para>
/// A gallery code is pooled at offset (0, 0). A probe variant at offset (dx, dy) pools the probe's
/// blocks moved by (dx, dy) cells, so probe cell (x + dx, y + dy) meets gallery cell (x, y).
/// </para>
/// </remarks>
internal static class CoarseCode
{
    /// <summary>Words in a coarse code.</summary>
    public const int Words = 16;

    /// <summary>Bits in use: 13 x 13 blocks x 3 planes; the last 5 bits of the last word stay zero.</summary>
    public const int Bits = Cells * Cells * PlanesUsed;

    /// <summary>The largest offset, in cells, at which a probe variant is pooled.</summary>
    public const int MaxOffset = 2;

    /// <summary>The spacing of the probe offsets, in cells: -2, 0 and +2 each way.</summary>
    public const int OffsetStep = 2;

    /// <summary>Probe offsets per frame: 3 x 3.</summary>
    public const int OffsetsPerFrame = 9;

    /// <summary>Changes whenever the coarse code's definition changes, so that snapshots can tell stale coarse codes.</summary>
    public const byte Version = 2;

    private const int Cells = 13;
    private const int Step = 2;
    private const int Origin = 2;
    private const int Window = 5;
    private const uint WindowMask = (1u << Window) - 1;
    private const int Majority = 13;
    private const int FirstPlane = CodeLayout.PlanesPerScale;
    private const int PlanesUsed = CodeLayout.PlanesPerScale;

    /// <summary>The coarse code of an enrolled capture (offset 0, 0).</summary>
    public static void Gallery(ReadOnlySpan<uint> code, Span<uint> coarse) => Pool(code, 0, 0, coarse);

    /// <summary>Offset <paramref name="index"/> (0..8) as (dx, dy) in cells.</summary>
    public static (int Dx, int Dy) Offset(int index) => (((index % 3) - 1) * OffsetStep, ((index / 3) - 1) * OffsetStep);

    /// <summary>Pools <paramref name="code"/> with its blocks moved by (<paramref name="dx"/>, <paramref name="dy"/>) cells.</summary>
    public static void Pool(ReadOnlySpan<uint> code, int dx, int dy, Span<uint> coarse)
    {
        if (code.Length < CodeLayout.Words || coarse.Length < Words)
        {
            throw new ArgumentException("A full code and a 16-word coarse buffer are needed.", nameof(code));
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
                // Shifting the row right by `left` brings zeros in past the last column.
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
