using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// The palm's coordinate system in working pixels: the index-middle and ring-little valleys (touch
/// points of the line tangent to both gaps from the palm side), the unit vector <see cref="Across"/>
/// from the little-finger side to the index side (left to right in the ROI), the unit vector
/// <see cref="Down"/> from the valleys into the palm (top to bottom in the ROI), and the valleys'
/// distance <see cref="Width"/>, the palm's scale. The ROI shows a right palm as a camera facing it
/// sees it, thumb side on the right; when Across x Down is negative the frame shows the palm the other
/// way round (a left palm, or a mirrored frame), and cutting along these axes mirrors it back.
/// </summary>
internal sealed record PalmAxes(
    Vector2 IndexValley,
    Vector2 MiddleValley,
    Vector2 LittleValley,
    Vector2 Across,
    Vector2 Down,
    float Width,
    double ThumbEvidence)
{
    /// <summary>The same axes with the thumb side taken to be the other one.</summary>
    public PalmAxes Mirrored() => this with { IndexValley = LittleValley, LittleValley = IndexValley, Across = -Across, ThumbEvidence = -ThumbEvidence };

    public Vector2 Origin => (IndexValley + LittleValley) / 2;

    public bool IsMirrored => (Across.X * Down.Y) - (Across.Y * Down.X) < 0;
}
