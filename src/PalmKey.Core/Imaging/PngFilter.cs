namespace PalmKey.Imaging;

/// <summary>
/// The five PNG row filters, forward for the encoder and reversed for the decoder. The first
/// <c>bpp</c> bytes of a row have no left neighbour and are handled apart, which keeps the branch
/// out of the per-byte loops.
/// </summary>
internal static class PngFilter
{
    /// <summary>Applies filter <paramref name="type"/> and returns the sum of the outputs read as signed bytes.</summary>
    public static long Apply(int type, ReadOnlySpan<byte> row, ReadOnlySpan<byte> previous, int bpp, Span<byte> output)
    {
        output = output[..row.Length];
        previous = previous[..row.Length];
        var head = Math.Min(bpp, row.Length);
        switch (type)
        {
            case 0:
                row.CopyTo(output);
                break;
            case 1:
                row[..head].CopyTo(output);
                for (var i = bpp; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - row[i - bpp]);
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - previous[i]);
                }

                break;
            case 3:
                for (var i = 0; i < head; i++)
                {
                    output[i] = (byte)(row[i] - (previous[i] >> 1));
                }

                for (var i = bpp; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - ((row[i - bpp] + previous[i]) >> 1));
                }

                break;
            default:
                for (var i = 0; i < head; i++)
                {
                    output[i] = (byte)(row[i] - previous[i]);
                }

                for (var i = bpp; i < row.Length; i++)
                {
                    output[i] = (byte)(row[i] - Paeth(row[i - bpp], previous[i], previous[i - bpp]));
                }

                break;
        }

        long cost = 0;
        foreach (var value in output)
        {
            cost += Math.Abs((int)(sbyte)value);
        }

        return cost;
    }

    /// <summary>Reverses filter <paramref name="type"/> in place; false if the type is not 0 to 4.</summary>
    public static bool Undo(byte type, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        previous = previous[..row.Length];
        var head = Math.Min(bpp, row.Length);
        switch (type)
        {
            case 0:
                break;
            case 1:
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }

                break;
            case 2:
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }

                break;
            case 3:
                for (var i = 0; i < head; i++)
                {
                    row[i] += (byte)(previous[i] >> 1);
                }

                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += (byte)((row[i - bpp] + previous[i]) >> 1);
                }

                break;
            case 4:
                for (var i = 0; i < head; i++)
                {
                    row[i] += previous[i];
                }

                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += (byte)Paeth(row[i - bpp], previous[i], previous[i - bpp]);
                }

                break;
            default:
                return false;
        }

        return true;
    }

    /// <summary>The Paeth predictor; with p = a + b - c, the distances p - a, p - b and p - c simplify as below.</summary>
    private static int Paeth(int a, int b, int c)
    {
        var pa = Math.Abs(b - c);
        var pb = Math.Abs(a - c);
        var pc = Math.Abs(a + b - c - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
