namespace PalmKey.Server.Capture;

/// <summary>Why a set of frames could not be used.</summary>
internal enum FrameVerdict
{
    /// <summary>A frame is not a readable image.</summary>
    InvalidImage,

    /// <summary>A frame is an image but not a usable palm.</summary>
    PoorQuality,

    /// <summary>Too few frames for a hover gesture.</summary>
    TooFewFrames,

    /// <summary>Two frames of one hover are the same image: a still, not a hand held over the scanner.</summary>
    StillImage,

    /// <summary>A frame was already sent within the replay window.</summary>
    Replayed,

    /// <summary>The frames do not show one palm held steadily: they disagree with each other.</summary>
    Unstable,
}
