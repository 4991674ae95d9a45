namespace PalmKey.Server.Capture;

/// <summary>Why a set of frames could not be used.</summary>
internal enum FrameVerdict
{
    /// <summary>A frame is not a readable image.</summary>
    InvalidImage,

    /// <summary>A frame is an image but not a usable palm.</summary>
    PoorQuality,
}
