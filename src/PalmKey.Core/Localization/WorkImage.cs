using System.Numerics;

namespace PalmKey.Localization;

/// <summary>
/// A reduced gray copy of part of a frame: pixel (x, y) averages the frame's <see cref="Factor"/>-square
/// block whose top-left corner is (<see cref="Left"/> + x * Factor, <see cref="Top"/> + y * Factor).
/// </summary>
internal sealed class WorkImage
{
    public WorkImage(int width, int height, byte[] gray, bool[]? nonSkin, int left, int top, int factor)
    {
        Width = width;
        Height = height;
        Gray = gray;
        NonSkin = nonSkin;
        Left = left;
        Top = top;
        Factor = factor;
    }

    public int Width { get; }

    public int Height { get; }

    public byte[] Gray { get; }

    /// <summary>Pixels whose color is clearly not skin; null for a gray frame.</summary>
    public bool[]? NonSkin { get; }

    public int Left { get; }

    public int Top { get; }

    public int Factor { get; }

    /// <summary>Maps a working-image position (pixel centres at integers) to frame coordinates (pixel centres at integers).</summary>
    public Vector2 ToFrame(Vector2 point) => new(
        Left + (point.X * Factor) + ((Factor - 1) / 2f),
        Top + (point.Y * Factor) + ((Factor - 1) / 2f));
}
