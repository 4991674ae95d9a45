using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// Builds the palm's coordinate system from the three finger gaps: the line tangent to the two outer
/// gaps from the palm side fixes rotation and scale, and the thumb side decides which outer valley is
/// the index finger's (docs/localization.md).
/// </summary>
internal static class PalmAxesFinder
{
    public static PalmAxes Build(
        List<(int X, int Y)> contour,
        IReadOnlyList<FingerGap> gaps,
        (int First, int Middle, int Last, double Fit) fingers,
        float radius,
        LocalizationTrace? trace)
    {
        var first = gaps[fingers.First];
        var middle = gaps[fingers.Middle];
        var last = gaps[fingers.Last];
        var fingerDirection = Vector2.Normalize(first.Opening + middle.Opening + last.Opening);
        var firstPoints = GapPoints(contour, first.Defect, first.Valley, 1.5f * radius);
        var lastPoints = GapPoints(contour, last.Defect, last.Valley, 1.5f * radius);
        var (p, q, down) = PalmSideTangent(firstPoints, lastPoints, -fingerDirection);
        var width = Vector2.Distance(p, q);
        var across = Vector2.Normalize(q - p);

        if (trace is not null)
        {
            var b1 = GapBottom(firstPoints, first.Opening);
            var b3 = GapBottom(lastPoints, last.Opening);
            trace.Values["Lbottom"] = Vector2.Distance(b1, b3);
            trace.Values["Ltangent"] = width;
            trace.Values["Ldeep"] = Vector2.Distance(first.Valley, last.Valley);
            trace.Values["angBottom"] = Math.Atan2(b3.Y - b1.Y, b3.X - b1.X) * 180 / Math.PI;
            trace.Values["angTangent"] = Math.Atan2(q.Y - p.Y, q.X - p.X) * 180 / Math.PI;
        }

        // Which outer valley is the index finger's, as far as the outline tells: + means the first one.
        var thumb = ThumbVote(gaps, fingers, p, q, down, width, radius);
        if (trace is not null)
        {
            trace.ThumbVote = thumb;
        }

        return thumb >= 0
            ? new PalmAxes(p, middle.Valley, q, -across, down, width, Math.Abs(thumb))
            : new PalmAxes(q, middle.Valley, p, across, down, width, Math.Abs(thumb));
    }

    /// <summary>The contour points of a gap that lie within <paramref name="reach"/> of its valley.</summary>
    private static List<Vector2> GapPoints(List<(int X, int Y)> contour, ConvexityDefect defect, Vector2 valley, float reach)
    {
        var points = new List<Vector2>();
        var n = contour.Count;
        var span = (defect.End - defect.Start + n) % n;
        for (var s = 0; s <= span; s++)
        {
            var (x, y) = contour[(defect.Start + s) % n];
            var point = new Vector2(x, y);
            if (Vector2.Distance(point, valley) <= reach)
            {
                points.Add(point);
            }
        }

        return points;
    }

    /// <summary>
    /// The line that touches both point sets and has all of them on one side, the side opposite
    /// <paramref name="palmward"/>: its touch points and its unit normal towards the palm.
    /// </summary>
    private static (Vector2 P, Vector2 Q, Vector2 Normal) PalmSideTangent(List<Vector2> first, List<Vector2> last, Vector2 palmward)
    {
        var normal = palmward;
        var p = Extreme(first, normal);
        var q = Extreme(last, normal);
        for (var iteration = 0; iteration < 20; iteration++)
        {
            var along = q - p;
            if (along.LengthSquared() < 1e-6f)
            {
                break;
            }

            var perpendicular = Vector2.Normalize(new Vector2(-along.Y, along.X));
            normal = Vector2.Dot(perpendicular, palmward) >= 0 ? perpendicular : -perpendicular;
            var nextP = Extreme(first, normal);
            var nextQ = Extreme(last, normal);
            if (nextP == p && nextQ == q)
            {
                break;
            }

            p = nextP;
            q = nextQ;
        }

        return (p, q, normal);
    }

    /// <summary>The bottom of a gap along its own axis: the mean of the gap points within a pixel of the most palmward one.</summary>
    internal static Vector2 GapBottom(List<Vector2> points, Vector2 opening)
    {
        var lowest = points.Min(p => Vector2.Dot(p, opening));
        var sum = Vector2.Zero;
        var count = 0;
        foreach (var point in points)
        {
            if (Vector2.Dot(point, opening) <= lowest + 1.5f)
            {
                sum += point;
                count++;
            }
        }

        return sum / count;
    }

    private static Vector2 Extreme(List<Vector2> points, Vector2 direction)
    {
        var best = points[0];
        var bestValue = Vector2.Dot(best, direction);
        foreach (var point in points)
        {
            var value = Vector2.Dot(point, direction);
            if (value > bestValue)
            {
                bestValue = value;
                best = point;
            }
        }

        return best;
    }

    /// <summary>
    /// Looks for the thumb's gap beside the four fingers: a deep gap beyond one outer valley and not far
    /// below the valley line. Returns the evidence that the first valley is the index finger's
    /// (positive) or the last one (negative), 0 where no thumb gap is seen.
    /// </summary>
    private static double ThumbVote(IReadOnlyList<FingerGap> gaps, (int First, int Middle, int Last, double Fit) fingers, Vector2 p, Vector2 q, Vector2 down, float width, float radius)
    {
        var origin = (p + q) / 2;
        var across = Vector2.Normalize(q - p);
        double vote = 0;
        for (var i = 0; i < gaps.Count; i++)
        {
            if (i == fingers.First || i == fingers.Middle || i == fingers.Last)
            {
                continue;
            }

            var gap = gaps[i];
            var lateral = Vector2.Dot(gap.Valley - origin, across) / width;
            var below = Vector2.Dot(gap.Valley - origin, down) / width;
            if (gap.Depth < 0.5f * radius || Math.Abs(lateral) < 0.6f || below is < -0.5f or > 1.3f)
            {
                continue;
            }

            vote += (lateral < 0 ? 1 : -1) * Math.Min(2, gap.Depth / radius);
        }

        return vote;
    }
}
