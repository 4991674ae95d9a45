using System.Runtime.InteropServices;

namespace PalmKey.Imaging;

/// <summary>
/// The part of the TurboJPEG 2.1 API (libjpeg-turbo, Debian package libturbojpeg0) that decoding needs.
/// Constants are copied from turbojpeg.h of 2.1.5. C <c>unsigned long</c> is <see cref="CULong"/>.
/// </summary>
internal static partial class TurboJpegNative
{
    public const string Library = "libturbojpeg.so.0";

    public const int PixelFormatRgb = 0;       // TJPF_RGB
    public const int PixelFormatGray = 6;      // TJPF_GRAY
    public const int ColorspaceCmyk = 3;       // TJCS_CMYK
    public const int ColorspaceYcck = 4;       // TJCS_YCCK
    public const int FlagStopOnWarning = 8192; // TJFLAG_STOPONWARNING
    public const int FlagLimitScans = 32768;   // TJFLAG_LIMITSCANS

    [LibraryImport(Library, EntryPoint = "tjInitDecompress")]
    public static partial TurboJpegHandle InitDecompress();

    [LibraryImport(Library, EntryPoint = "tjDecompressHeader3")]
    public static unsafe partial int DecompressHeader(TurboJpegHandle handle, byte* jpeg, CULong jpegSize, int* width, int* height, int* subsampling, int* colorspace);

    [LibraryImport(Library, EntryPoint = "tjDecompress2")]
    public static unsafe partial int Decompress(TurboJpegHandle handle, byte* jpeg, CULong jpegSize, byte* destination, int width, int pitch, int height, int pixelFormat, int flags);

    /// <summary>Returns a pointer into the instance's own buffer, which must not be freed.</summary>
    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    public static partial nint GetErrorString(TurboJpegHandle handle);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    public static partial int Destroy(nint handle);
}
