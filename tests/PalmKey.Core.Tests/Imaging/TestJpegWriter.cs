using System.Runtime.InteropServices;

namespace PalmKey.Tests.Imaging;

/// <summary>
/// Makes JPEG fixtures at test time with libjpeg-turbo's encoder, so no binary fixtures live in the
/// repository. Constants are from turbojpeg.h of libjpeg-turbo 2.1.5.
/// </summary>
internal static partial class TestJpegWriter
{
    public const int PixelFormatRgb = 0;       // TJPF_RGB
    public const int PixelFormatGray = 6;      // TJPF_GRAY
    public const int PixelFormatCmyk = 11;     // TJPF_CMYK
    public const int Subsampling444 = 0;       // TJSAMP_444
    public const int Subsampling420 = 2;       // TJSAMP_420
    public const int SubsamplingGray = 3;      // TJSAMP_GRAY
    public const int FlagProgressive = 16384;  // TJFLAG_PROGRESSIVE

    private const string Library = "libturbojpeg.so.0";

    /// <summary>Compresses packed pixels; throws with the install hint where libturbojpeg is missing.</summary>
    public static unsafe byte[] Compress(byte[] pixels, int width, int height, int pixelFormat, int subsampling, int quality, int flags = 0)
    {
        nint handle;
        try
        {
            handle = InitCompress();
        }
        catch (DllNotFoundException e)
        {
            throw new InvalidOperationException("JPEG tests need libturbojpeg.so.0: apt-get install libturbojpeg0", e);
        }

        Assert.NotEqual(0, handle);
        try
        {
            byte* jpeg = null;
            var size = new CULong(0);
            fixed (byte* source = pixels)
            {
                var result = Compress2(handle, source, width, 0, height, pixelFormat, &jpeg, &size, subsampling, quality, flags);
                Assert.True(result == 0, "tjCompress2 failed: " + Marshal.PtrToStringUTF8(GetErrorString(handle)));
            }

            try
            {
                return new ReadOnlySpan<byte>(jpeg, checked((int)size.Value)).ToArray();
            }
            finally
            {
                Free(jpeg);
            }
        }
        finally
        {
            _ = Destroy(handle);
        }
    }

    [LibraryImport(Library, EntryPoint = "tjInitCompress")]
    private static partial nint InitCompress();

    [LibraryImport(Library, EntryPoint = "tjCompress2")]
    private static unsafe partial int Compress2(nint handle, byte* source, int width, int pitch, int height, int pixelFormat, byte** jpeg, CULong* jpegSize, int subsampling, int quality, int flags);

    [LibraryImport(Library, EntryPoint = "tjFree")]
    private static unsafe partial void Free(byte* buffer);

    [LibraryImport(Library, EntryPoint = "tjGetErrorStr2")]
    private static partial nint GetErrorString(nint handle);

    [LibraryImport(Library, EntryPoint = "tjDestroy")]
    private static partial int Destroy(nint handle);
}
