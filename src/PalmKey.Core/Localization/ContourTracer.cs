namespace PalmKey.Localization;

/// <summary>
/// Follows the outer boundary of a binary region (Moore-neighbour tracing with Jacob's stopping rule),
/// clockwise as seen on screen (y down), starting at the region's first pixel in raster order.
/// </summary>
internal static class ContourTracer
{
    // Clockwise on screen: E, SE, S, SW, W, NW, N, NE.
    private static readonly int[] Dx = [1, 1, 0, -1, -1, -1, 0, 1];
    private static readonly int[] Dy = [0, 1, 1, 1, 0, -1, -1, -1];

    /// <summary>The boundary pixels of the region that holds the first foreground pixel of <paramref name="mask"/>, in order.</summary>
    public static List<(int X, int Y)> Trace(bool[] mask, int width, int height)
    {
        var contour = new List<(int X, int Y)>();
        var first = Array.IndexOf(mask, true);
        if (first < 0)
        {
            return contour;
        }

        var start = (X: first % width, Y: first / width);
        contour.Add(start);
        var current = start;
        var backtrack = 4; // west of the first pixel in raster order is background
        (int X, int Y)? second = null;
        var limit = 4 * mask.Length;
        for (var step = 0; step < limit; step++)
        {
            var found = -1;
            for (var i = 1; i <= 8; i++)
            {
                var direction = (backtrack + i) & 7;
                if (IsSet(mask, width, height, current.X + Dx[direction], current.Y + Dy[direction]))
                {
                    found = direction;
                    break;
                }
            }

            if (found < 0)
            {
                return contour; // a single pixel
            }

            var previous = (found + 7) & 7;
            var next = (X: current.X + Dx[found], Y: current.Y + Dy[found]);

            // The new backtrack is the background neighbour checked just before the move, seen from the new pixel.
            backtrack = DirectionOf(Dx[previous] - Dx[found], Dy[previous] - Dy[found]);
            if (current == start)
            {
                if (second is null)
                {
                    second = next;
                }
                else if (next == second)
                {
                    break;
                }
            }

            current = next;
            if (current != start || second is null)
            {
                contour.Add(current);
            }
        }

        // Drop the closing return to the start pixel, if it was added.
        if (contour.Count > 1 && contour[^1] == start)
        {
            contour.RemoveAt(contour.Count - 1);
        }

        return contour;
    }

    private static bool IsSet(bool[] mask, int width, int height, int x, int y) =>
        (uint)x < (uint)width && (uint)y < (uint)height && mask[(y * width) + x];

    private static int DirectionOf(int dx, int dy)
    {
        for (var d = 0; d < 8; d++)
        {
            if (Dx[d] == dx && Dy[d] == dy)
            {
                return d;
            }
        }

        throw new InvalidOperationException("Neighbouring directions differ by one step.");
    }
}
