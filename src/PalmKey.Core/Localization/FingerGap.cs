using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// A convexity defect read as a possible gap between fingers: its valley (the deepest point), the two
/// hull points that bound it (fingertips, or where the fingers leave the frame), the direction the gap
/// opens in (towards the fingertips), and its depth, all in working pixels.
/// </summary>
internal sealed record FingerGap(ConvexityDefect Defect, Vector2 Valley, Vector2 Start, Vector2 End, Vector2 Opening, float Depth);
