using Microsoft.Win32.SafeHandles;

namespace PalmKey.Imaging;

/// <summary>Owns a TurboJPEG instance (tjhandle) and destroys it exactly once.</summary>
internal sealed class TurboJpegHandle : SafeHandleZeroOrMinusOneIsInvalid
{
    /// <summary>Called by the interop marshaller, which sets the handle.</summary>
    public TurboJpegHandle()
        : base(ownsHandle: true)
    {
    }

    protected override bool ReleaseHandle() => TurboJpegNative.Destroy(handle) == 0;
}
