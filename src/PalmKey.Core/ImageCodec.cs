using System.Globalization;
using PalmKey.Imaging;

namespace PalmKey;

/// <summary>
/// Reads BMP, PNG, PGM/PPM and JPEG images into <see cref="GrayImage"/> or <see cref="RgbImage"/>,
/// and writes PNG and PGM. The format is recognized by its first bytes, never by a file name.
/// </summary>
/// <remarks>
/// <para>
/// Supported input: BMP with 12-, 40-, 52-, 56-, 108- and 124-byte headers, 1-, 4- and 8-bit palettes,
/// 16- and 32-bit bit fields and 24-bit pixels, bottom-up or top-down (no RLE); PNG of every color type,
/// bit depth, filter and interlacing; PGM and PPM, binary (P5, P6) and plain (P2, P3), maxval up to
/// 65535; baseline and progressive JPEG, gray or color (no CMYK). 16-bit samples are reduced to 8 bits
/// (PNG keeps the high byte, netpbm scales by maxval). Alpha and transparency are dropped, because a palm
/// scanner frame has no meaningful transparency. Color profiles, gamma and EXIF orientation are ignored.
/// </para>
/// <para>
/// Color is turned into gray with the BT.601 luma weights, (299 R + 587 G + 114 B + 500) / 1000; for a
/// color JPEG the gray image is the JPEG's own luma channel, which uses the same weights.
/// </para>
/// <para>
/// Input is treated as hostile. Images over 50 megapixels, or with a zero dimension, are refused before
/// any pixel memory is allocated. A BMP, PNG or netpbm file is also refused before allocation where it
/// is too short to hold the pixels its header claims; a JPEG cannot be checked that way, so a small
/// hostile JPEG can make one call allocate up to the limit (150 MB of RGB output, plus libjpeg's
/// coefficient buffers for a progressive file). Every problem with the input surfaces as
/// <see cref="ImageFormatException"/>.
/// </para>
/// <para>
/// JPEG decoding uses libjpeg-turbo's TurboJPEG library (<c>libturbojpeg.so.0</c>, Debian package
/// <c>libturbojpeg0</c>). Where it is missing, decoding a JPEG throws
/// <see cref="PlatformNotSupportedException"/> naming the package; the other formats do not need it.
/// </para>
/// <para>All members are stateless and safe to call from many threads at once.</para>
/// </remarks>
public static class ImageCodec
{
    /// <summary>
    /// Decodes an image of any supported format to 8-bit gray. Costs one pass over the pixels
    /// (a 128x128 BMP takes microseconds, a 1024x768 JPEG a few milliseconds) and allocates the output,
    /// width * height bytes, plus a few row buffers.
    /// </summary>
    /// <param name="data">The whole encoded file.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="ImageFormatException">The data is not a supported image, is corrupt or truncated, or is over 50 megapixels.</exception>
    /// <exception cref="PlatformNotSupportedException">The data is a JPEG and libturbojpeg is not installed.</exception>
    public static GrayImage DecodeGray(ReadOnlySpan<byte> data)
    {
        var decoded = ImageDecoder.Decode(data, PixelLayout.Gray);
        return new GrayImage(decoded.Width, decoded.Height, decoded.Pixels);
    }

    /// <summary>
    /// Decodes an image of any supported format to 8-bit interleaved RGB; gray images are expanded.
    /// Costs one pass over the pixels and allocates the output, 3 * width * height bytes.
    /// </summary>
    /// <param name="data">The whole encoded file.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="ImageFormatException">The data is not a supported image, is corrupt or truncated, or is over 50 megapixels.</exception>
    /// <exception cref="PlatformNotSupportedException">The data is a JPEG and libturbojpeg is not installed.</exception>
    public static RgbImage DecodeRgb(ReadOnlySpan<byte> data)
    {
        var decoded = ImageDecoder.Decode(data, PixelLayout.Rgb);
        return new RgbImage(decoded.Width, decoded.Height, decoded.Pixels);
    }

    /// <summary>Reads a file and decodes it with <see cref="DecodeGray"/>. Files over 200 MB are refused unread.</summary>
    /// <param name="path">The image file.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="ImageFormatException">The file is over 200 MB, or see <see cref="DecodeGray"/>.</exception>
    /// <exception cref="PlatformNotSupportedException">The file is a JPEG and libturbojpeg is not installed.</exception>
    public static GrayImage ReadGray(string path) => DecodeGray(ReadFile(path));

    /// <summary>Reads a file and decodes it with <see cref="DecodeRgb"/>. Files over 200 MB are refused unread.</summary>
    /// <param name="path">The image file.</param>
    /// <returns>A new image.</returns>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or empty.</exception>
    /// <exception cref="IOException">The file cannot be read (including <see cref="FileNotFoundException"/>).</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be read.</exception>
    /// <exception cref="ImageFormatException">The file is over 200 MB, or see <see cref="DecodeRgb"/>.</exception>
    /// <exception cref="PlatformNotSupportedException">The file is a JPEG and libturbojpeg is not installed.</exception>
    public static RgbImage ReadRgb(string path) => DecodeRgb(ReadFile(path));

    /// <summary>
    /// Encodes an 8-bit gray PNG (color type 0), losslessly. Picks a filter per row and compresses with
    /// zlib at its default level; zlib dominates the cost, tens of milliseconds per megapixel of camera
    /// content. Allocates about twice the output size. Thread-safe.
    /// </summary>
    /// <param name="image">The image to write.</param>
    /// <returns>The complete PNG file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static byte[] EncodePng(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PngEncoder.Encode(image.Width, image.Height, image.Pixels, PixelLayout.Gray);
    }

    /// <summary>
    /// Encodes an 8-bit RGB PNG (color type 2), losslessly. Picks a filter per row and compresses with
    /// zlib at its default level: roughly three times the cost of a gray image of the same size. Thread-safe.
    /// </summary>
    /// <param name="image">The image to write.</param>
    /// <returns>The complete PNG file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static byte[] EncodePng(RgbImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return PngEncoder.Encode(image.Width, image.Height, image.Pixels, PixelLayout.Rgb);
    }

    /// <summary>Encodes a binary PGM (P5, maxval 255): a short text header and the pixels as they are. Thread-safe.</summary>
    /// <param name="image">The image to write.</param>
    /// <returns>The complete PGM file.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="image"/> is null.</exception>
    public static byte[] EncodePgm(GrayImage image)
    {
        ArgumentNullException.ThrowIfNull(image);
        return NetpbmEncoder.EncodePgm(image);
    }

    private static byte[] ReadFile(string path)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1);
        var length = stream.Length;
        if (length > ImageLimits.MaxFileBytes)
        {
            throw new ImageFormatException(string.Create(
                CultureInfo.InvariantCulture,
                $"File is {length / 1e6:F1} MB, over the {ImageLimits.MaxFileBytes / 1_000_000} MB limit for images: {path}"));
        }

        var data = new byte[length];
        stream.ReadExactly(data);
        return data;
    }
}
