namespace PalmKey.Imaging;

/// <summary>The layout a decoder writes its output in; the value is the number of bytes per pixel.</summary>
internal enum PixelLayout
{
    Gray = 1,
    Rgb = 3,
}
