using System.Runtime.Intrinsics.X86;
using PalmKey.Engine;

namespace PalmKey.Index;

/// <summary>
/// The second search stage: a shift search restricted to the neighbourhood that the coarse stage found,
/// on every other row of the full code. The rows and cells it compares are read straight from the
/// stored full code, so it costs no memory of its own.
/// </summary>
/// <remarks>
/// The gallery side is rows 3, 5, ..., 27 of all six planes, columns 3 to 28 (2,028 bits in 78 words,
/// padded to 80); a probe variant at offset (dx, dy) holds probe rows 3 + dy, 5 + dy, ..., columns moved
/// by dx, so probe cell (x + dx, y + dy) meets gallery cell (x, y) as in <see cref="CoarseCode"/>. Every
/// variant compares the same cells, so raw counts rank candidates without normalizing by overlap.
/// On Tongji this stage, at 27 variants (3 rotations x 3 x 3 offsets around the coarse stage's
/// best), lost almost no genuine palm that the coarse stage had kept (docs/benchmarks.md).
/// </remarks>
internal static class RefineCode
{
    /// <summary>Words of a gathered code: 13 rows x 6 planes, plus 2 zero words to make 5 whole 16-word vectors.</summary>
    public const int Words = 80;

    /// <summary>Bits compared per variant.</summary>
    public const int Bits = Rows * CodeLayout.Planes * WindowColumns;

    /// <summary>The first word of a full code that <see cref="Gallery"/> reads.</summary>
    public const int FirstWord = FirstRow * CodeLayout.Planes;

    /// <summary>Words from <see cref="FirstWord"/> to the last word <see cref="Gallery"/> reads, inclusive.</summary>
    public const int SpanWords = ((RowStep * (Rows - 1)) + 1) * CodeLayout.Planes;

    /// <summary>The largest offset, in cells, a refine variant may have: the full matcher's shift range.</summary>
    public const int MaxOffset = CodeLayout.MaxShift;

    /// <summary>Offsets per axis: -3..3.</summary>
    public const int OffsetsPerAxis = (2 * MaxOffset) + 1;

    private const int Rows = 13;
    private const int FirstRow = 3;
    private const int RowStep = 2;
    private const int WindowColumns = 26;
    private const uint WindowMask = ((1u << WindowColumns) - 1) << 3;

    /// <summary>Gathers the compared rows of a stored full code into <paramref name="target"/> (<see cref="Words"/> words).</summary>
    public static void Gallery(ReadOnlySpan<uint> code, Span<uint> target)
    {
        for (var k = 0; k < Rows; k++)
        {
            var row = code.Slice((FirstRow + (RowStep * k)) * CodeLayout.Planes, CodeLayout.Planes);
            var into = target.Slice(k * CodeLayout.Planes, CodeLayout.Planes);
            for (var p = 0; p < CodeLayout.Planes; p++)
            {
                into[p] = row[p] & WindowMask;
            }
        }

        target[(Rows * CodeLayout.Planes)..Words].Clear();
    }

    /// <summary>Writes the probe variant at offset (<paramref name="dx"/>, <paramref name="dy"/>) into <paramref name="target"/>.</summary>
    public static void Probe(ReadOnlySpan<uint> code, int dx, int dy, Span<uint> target)
    {
        for (var k = 0; k < Rows; k++)
        {
            var row = code.Slice((FirstRow + (RowStep * k) + dy) * CodeLayout.Planes, CodeLayout.Planes);
            var into = target.Slice(k * CodeLayout.Planes, CodeLayout.Planes);
            for (var p = 0; p < CodeLayout.Planes; p++)
            {
                var word = dx >= 0 ? row[p] >> dx : row[p] << -dx;
                into[p] = word & WindowMask;
            }
        }

        target[(Rows * CodeLayout.Planes)..Words].Clear();
    }

    /// <summary>The number of differing bits between a gathered gallery code and a probe variant.</summary>
    public static int Distance(uint[] gallery, int galleryStart, uint[] variants, int variantStart)
    {
        return Avx512BW.IsSupported
            ? ShiftedCode.CountPadded512(ref gallery[galleryStart], ref variants[variantStart], Words, uint.MaxValue)
            : HammingKernels.Count(gallery.AsSpan(galleryStart, Words), variants.AsSpan(variantStart, Words), uint.MaxValue);
    }
}
