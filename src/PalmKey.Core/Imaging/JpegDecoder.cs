using System.Globalization;
using System.Runtime.InteropServices;

namespace PalmKey.Imaging;

/// <summary>
/// Decodes baseline and progressive JPEG through libjpeg-turbo's TurboJPEG API. Each call uses its own
/// decompressor instance, so calls are independent and safe from many threads. Warnings (such as a
/// truncated file) are errors, and progressive scans are capped, so a hostile file cannot yield a
/// half-gray image or spin through thousands of scans. EXIF orientation is not applied.
/// </summary>
internal static class JpegDecoder
{
    private const string Format = "JPEG";

    public static bool IsJpeg(ReadOnlySpan<byte> data) => data.Length >= 3 && data[0] == 0xFF && data[1] == 0xD8 && data[2] == 0xFF;

    public static unsafe DecodedImage Decode(ReadOnlySpan<byte> data, PixelLayout layout)
    {
        using var handle = CreateHandle();
        fixed (byte* jpeg = data)
        {
            var size = new CULong((nuint)data.Length);
            int width = 0, height = 0, subsampling = 0, colorspace = 0;
            if (TurboJpegNative.DecompressHeader(handle, jpeg, size, &width, &height, &subsampling, &colorspace) != 0)
            {
                throw Error($"invalid header ({LastError(handle)})");
            }

            // TurboJPEG reports success without touching the outputs for a stream that ends before its
            // frame header, because that is how a tables-only stream looks.
            if (width == 0 || height == 0)
            {
                throw Error($"no frame header (the data ends before one, or holds only tables)");
            }

            ImageLimits.CheckDimensions(Format, width, height);
            if (colorspace is TurboJpegNative.ColorspaceCmyk or TurboJpegNative.ColorspaceYcck)
            {
                throw Error($"CMYK images are not supported");
            }

            var pixelFormat = layout == PixelLayout.Gray ? TurboJpegNative.PixelFormatGray : TurboJpegNative.PixelFormatRgb;
            var output = new byte[(long)width * height * (int)layout];
            fixed (byte* destination = output)
            {
                const int Flags = TurboJpegNative.FlagStopOnWarning | TurboJpegNative.FlagLimitScans;
                if (TurboJpegNative.Decompress(handle, jpeg, size, destination, width, 0, height, pixelFormat, Flags) != 0)
                {
                    throw Error($"{LastError(handle)}");
                }
            }

            return new DecodedImage(width, height, output);
        }
    }

    private static TurboJpegHandle CreateHandle()
    {
        TurboJpegHandle handle;
        try
        {
            handle = TurboJpegNative.InitDecompress();
        }
        catch (DllNotFoundException e)
        {
            throw new PlatformNotSupportedException(
                $"JPEG decoding needs libjpeg-turbo's TurboJPEG library ({TurboJpegNative.Library}), which was not found. Install it with `apt-get install libturbojpeg0`.",
                e);
        }

        if (handle.IsInvalid)
        {
            handle.Dispose();
            throw new InvalidOperationException("TurboJPEG could not create a decompressor (tjInitDecompress returned null); the process may be out of memory.");
        }

        return handle;
    }

    private static string LastError(TurboJpegHandle handle) =>
        Marshal.PtrToStringUTF8(TurboJpegNative.GetErrorString(handle)) ?? "unknown error";

    private static ImageFormatException Error(FormattableString problem) =>
        ImageFormatException.For(Format, problem.ToString(CultureInfo.InvariantCulture));
}
