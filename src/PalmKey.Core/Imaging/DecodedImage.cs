namespace PalmKey.Imaging;

/// <summary>A decoder's output: pixels in the layout the caller asked for, width * height * layout bytes.</summary>
internal readonly record struct DecodedImage(int Width, int Height, byte[] Pixels);
