using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// Picks, among the gaps of a hand outline, the three between the four fingers: consecutive along the
/// outline, about a finger's width apart, opening the same way, with the palm behind them.
/// </summary>
internal static class FingerPattern
{
    /// <summary>The three gaps (indices into the gap list, in outline order) and how well they fit, 0 to 1; null where no three fit.</summary>
    public static (int First, int Middle, int Last, double Fit)? Find(IReadOnlyList<FingerGap> gaps, Vector2 centre, float radius)
    {
        if (gaps.Count < 3)
        {
            return null;
        }

        (int, int, int, double)? best = null;
        var bestScore = double.NegativeInfinity;
        for (var a = 0; a < gaps.Count; a++)
        {
            var b = (a + 1) % gaps.Count;
            var c = (a + 2) % gaps.Count;
            var fit = Fit(gaps[a], gaps[b], gaps[c], centre, radius);
            if (fit > 0 && fit > bestScore)
            {
                bestScore = fit;
                best = (a, b, c, fit);
            }
        }

        return best;
    }

    /// <summary>0 where the three gaps cannot be the finger gaps, else a fit that grows with depth and regularity, at most 1.</summary>
    private static double Fit(FingerGap first, FingerGap middle, FingerGap last, Vector2 centre, float radius)
    {
        var width = Vector2.Distance(first.Valley, last.Valley) / radius;
        if (width is < 0.4f or > 2.4f)
        {
            return 0;
        }

        var agreement1 = Vector2.Dot(first.Opening, middle.Opening);
        var agreement2 = Vector2.Dot(middle.Opening, last.Opening);
        var minimumAgreement = MathF.Cos(70 * MathF.PI / 180);
        if (agreement1 < minimumAgreement || agreement2 < minimumAgreement)
        {
            return 0;
        }

        // The middle valley lies between the outer two, and the palm centre behind the valleys.
        var across = last.Valley - first.Valley;
        var along = Vector2.Dot(middle.Valley - first.Valley, across) / across.LengthSquared();
        var opening = Vector2.Normalize(first.Opening + middle.Opening + last.Opening);
        var behind = Vector2.Dot(centre - middle.Valley, opening) / radius;
        if (along is < 0.15f or > 0.85f || behind > -0.3f)
        {
            return 0;
        }

        var depth = Math.Min(first.Depth, Math.Min(middle.Depth, last.Depth)) / radius;
        var regularity = (1 - Math.Abs(along - 0.5f)) * ((agreement1 + agreement2) / 2);
        return Math.Min(1, depth) * regularity;
    }
}
