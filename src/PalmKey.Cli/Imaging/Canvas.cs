using System.Numerics;

namespace PalmKey.Cli.Imaging;

/// <summary>An RGB image to draw lines, dots and text on, for debug overlays.</summary>
internal sealed class Canvas
{
    private readonly byte[] _pixels;

    public Canvas(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        _pixels = rgb;
    }

    public int Width { get; }

    public int Height { get; }

    public RgbImage ToImage() => new(Width, Height, _pixels);

    public void Set(int x, int y, (byte R, byte G, byte B) color)
    {
        if ((uint)x >= (uint)Width || (uint)y >= (uint)Height)
        {
            return;
        }

        var i = ((y * Width) + x) * 3;
        _pixels[i] = color.R;
        _pixels[i + 1] = color.G;
        _pixels[i + 2] = color.B;
    }

    /// <summary>A line <paramref name="thickness"/> pixels wide.</summary>
    public void Line(Vector2 from, Vector2 to, (byte R, byte G, byte B) color, int thickness = 1)
    {
        var steps = (int)MathF.Ceiling(MathF.Max(MathF.Abs(to.X - from.X), MathF.Abs(to.Y - from.Y))) + 1;
        for (var s = 0; s <= steps; s++)
        {
            var point = Vector2.Lerp(from, to, (float)s / steps);
            Dot(point, color, thickness / 2f);
        }
    }

    /// <summary>A filled disc.</summary>
    public void Dot(Vector2 centre, (byte R, byte G, byte B) color, float radius)
    {
        var r = (int)MathF.Ceiling(radius);
        var cx = (int)MathF.Round(centre.X);
        var cy = (int)MathF.Round(centre.Y);
        for (var dy = -r; dy <= r; dy++)
        {
            for (var dx = -r; dx <= r; dx++)
            {
                if ((dx * dx) + (dy * dy) <= (radius * radius) + 0.5f)
                {
                    Set(cx + dx, cy + dy, color);
                }
            }
        }
    }

    /// <summary>Text in the 5x7 font, each font pixel drawn as a <paramref name="scale"/>-pixel square, on a dark box.</summary>
    public void Text(int left, int top, string text, (byte R, byte G, byte B) color, int scale)
    {
        var advance = (TinyFont.GlyphWidth + 1) * scale;
        for (var y = top - scale; y < top + ((TinyFont.GlyphHeight + 1) * scale); y++)
        {
            for (var x = left - scale; x < left + (text.Length * advance); x++)
            {
                Set(x, y, (0, 0, 0));
            }
        }

        for (var c = 0; c < text.Length; c++)
        {
            for (var gy = 0; gy < TinyFont.GlyphHeight; gy++)
            {
                for (var gx = 0; gx < TinyFont.GlyphWidth; gx++)
                {
                    if (!TinyFont.IsInk(text[c], gx, gy))
                    {
                        continue;
                    }

                    for (var sy = 0; sy < scale; sy++)
                    {
                        for (var sx = 0; sx < scale; sx++)
                        {
                            Set(left + (c * advance) + (gx * scale) + sx, top + (gy * scale) + sy, color);
                        }
                    }
                }
            }
        }
    }

    /// <summary>Copies a gray image into the canvas with its top-left corner at (<paramref name="left"/>, <paramref name="top"/>).</summary>
    public void Paste(GrayImage image, int left, int top)
    {
        for (var y = 0; y < image.Height; y++)
        {
            for (var x = 0; x < image.Width; x++)
            {
                var value = image[x, y];
                Set(left + x, top + y, (value, value, value));
            }
        }
    }
}
