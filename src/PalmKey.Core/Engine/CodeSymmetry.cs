using System.Numerics;

namespace PalmKey.Engine;

/// <summary>
/// The 8 symmetries of the square applied to a palm code: the cell grid mirrored left to right (bit 0
/// of the symmetry), top to bottom (bit 1) and transposed (bit 2, after the mirrors), with every cell's
/// orientation code turned the way the image would turn it. The result is close to the code of the
/// mirrored or turned ROI, but it is not that code: it is a synthetic palm made without drawing an image.
/// </summary>
/// <remarks>
/// Each symmetry maps the matcher's shifts, -3..3 cells each way, onto themselves, and the orientation
/// map keeps the angular distance between any two cells. So the distance between two codes at a shift
/// is the distance between their images at the mapped shift, and <see cref="PalmMatcher"/> gives a
/// symmetric pair of a template and a probe exactly the score of the original pair. Orientation k
/// (k x 30 degrees) goes to -k under a mirror and to 3 - k under the transpose; with plane p holding
/// (k - p) mod 6 &lt; 3, that is planes (a, b, c) to (not b, not a, c) and to (b, a, not c).
/// </remarks>
internal static class CodeSymmetry
{
    /// <summary>The number of symmetries: 0 leaves a code as it is.</summary>
    public const int Count = 8;

    /// <summary>Writes the image of <paramref name="code"/> under <paramref name="symmetry"/> into <paramref name="target"/> (both <see cref="CodeLayout.Words"/> words).</summary>
    public static void Apply(ReadOnlySpan<uint> code, int symmetry, Span<uint> target)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symmetry);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symmetry, Count);
        if (code.Length < CodeLayout.Words || target.Length < CodeLayout.Words)
        {
            throw new ArgumentException($"Codes of {CodeLayout.Words} words are needed.", nameof(code));
        }

        const int Grid = CodeLayout.Grid;
        Span<uint> plane = stackalloc uint[Grid];
        Span<uint> turned = stackalloc uint[Grid];
        var mirrors = ((symmetry & 1) != 0 ? 1 : 0) + ((symmetry & 2) != 0 ? 1 : 0);
        for (var scale = 0; scale < CodeLayout.Scales; scale++)
        {
            for (var p = 0; p < CodeLayout.PlanesPerScale; p++)
            {
                // Target plane p of this scale comes from source plane Source(p), complemented or not.
                var (source, complement) = Orientation(p, mirrors % 2 == 1, (symmetry & 4) != 0);
                var from = (scale * CodeLayout.PlanesPerScale) + source;
                for (var row = 0; row < Grid; row++)
                {
                    var y = (symmetry & 2) != 0 ? Grid - 1 - row : row;
                    var word = code[(y * CodeLayout.Planes) + from];
                    plane[row] = (symmetry & 1) != 0 ? ReverseBits(word) : word;
                }

                if ((symmetry & 4) != 0)
                {
                    Transpose(plane, turned);
                    turned.CopyTo(plane);
                }

                var into = (scale * CodeLayout.PlanesPerScale) + p;
                for (var row = 0; row < Grid; row++)
                {
                    target[(row * CodeLayout.Planes) + into] = complement ? ~plane[row] : plane[row];
                }
            }
        }
    }

    /// <summary>
    /// Where a probe code's grid offset (<see cref="PalmProbe.GridOffsets"/>) goes under
    /// <paramref name="symmetry"/>: a mirror turns its sign on that axis, the transpose swaps the axes.
    /// Offsets are relative to the unmoved grid, which the symmetry maps onto itself.
    /// </summary>
    public static (int X, int Y) Apply((int X, int Y) offset, int symmetry)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(symmetry);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(symmetry, Count);
        var x = (symmetry & 1) != 0 ? -offset.X : offset.X;
        var y = (symmetry & 2) != 0 ? -offset.Y : offset.Y;
        return (symmetry & 4) != 0 ? (y, x) : (x, y);
    }

    /// <summary>The source plane and complement of target plane <paramref name="p"/>: a mirror maps (a, b, c) to (not b, not a, c), the transpose to (b, a, not c).</summary>
    private static (int Source, bool Complement) Orientation(int p, bool mirror, bool transpose)
    {
        // The two maps commute (both together complement every plane), so their order does not matter.
        var source = p;
        var complement = false;
        if (mirror)
        {
            (source, complement) = source switch
            {
                0 => (1, true),
                1 => (0, true),
                _ => (2, false),
            };
        }

        if (transpose)
        {
            (source, complement) = source switch
            {
                0 => (1, complement),
                1 => (0, complement),
                _ => (2, !complement),
            };
        }

        return (source, complement);
    }

    private static uint ReverseBits(uint word)
    {
        word = ((word >> 1) & 0x55555555u) | ((word & 0x55555555u) << 1);
        word = ((word >> 2) & 0x33333333u) | ((word & 0x33333333u) << 2);
        word = ((word >> 4) & 0x0F0F0F0Fu) | ((word & 0x0F0F0F0Fu) << 4);
        word = ((word >> 8) & 0x00FF00FFu) | ((word & 0x00FF00FFu) << 8);
        return (word >> 16) | (word << 16);
    }

    /// <summary>Bit x of row y of <paramref name="target"/> is bit y of row x of <paramref name="rows"/>.</summary>
    private static void Transpose(ReadOnlySpan<uint> rows, Span<uint> target)
    {
        target.Clear();
        for (var y = 0; y < rows.Length; y++)
        {
            var word = rows[y];
            while (word != 0)
            {
                var x = BitOperations.TrailingZeroCount(word);
                target[x] |= 1u << y;
                word &= word - 1;
            }
        }
    }
}
