namespace PalmKey.Localization;

/// <summary>
/// A stretch of the contour between two consecutive convex-hull vertices (<see cref="Start"/> and
/// <see cref="End"/>, contour indices), with its point farthest inside the hull (<see cref="Deepest"/>)
/// and that point's distance to the hull edge (<see cref="Depth"/>, working pixels). Between two spread
/// fingers, the deepest point is the finger valley.
/// </summary>
internal readonly record struct ConvexityDefect(int Start, int End, int Deepest, float Depth);
