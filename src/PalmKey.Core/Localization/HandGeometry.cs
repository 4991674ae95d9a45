using System.Numerics;

namespace PalmKey.Localization;

/// <summary>What the localizer found of a hand, in frame coordinates, whether or not it cut an ROI.</summary>
internal sealed record HandGeometry(
    IReadOnlyList<Vector2> Contour,
    IReadOnlyList<Vector2> Valleys,
    Vector2? PalmCentre,
    IReadOnlyList<Vector2> RoiCorners,
    bool IsMirrored,
    double FingerDirectionDegrees,
    double PalmWidth)
{
    public static HandGeometry None { get; } = new([], [], null, [], false, double.NaN, double.NaN);
}
