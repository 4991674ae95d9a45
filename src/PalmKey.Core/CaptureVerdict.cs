namespace PalmKey;

/// <summary>
/// What <see cref="PalmLocalizer"/> made of a frame: <see cref="Ok"/>, or the reason no palm ROI was cut.
/// Each value documents what <see cref="LocalizationResult.Score"/> measures when it is the verdict.
/// A frame gets the first problem found: segmentation and finger problems first, then the ROI's place
/// in the frame and its size, then the rotation, then exposure and sharpness (docs/localization.md).
/// </summary>
public enum CaptureVerdict
{
    /// <summary>
    /// A palm was found and its ROI cut. Score: how clearly the hand was read, 0 to 1: the smaller of the
    /// finger-valley pattern's fit and the certainty of which side the thumb is on.
    /// </summary>
    Ok = 0,

    /// <summary>
    /// Nothing in the frame looks like a hand: a blank or noisy frame, or an object with no fingers.
    /// Score: the share of the frame, 0 to 1, covered by the largest region that stands out from the
    /// background (0 for a blank frame).
    /// </summary>
    NoHand,

    /// <summary>
    /// A hand is there, but part of what the ROI needs (the finger valleys or the palm square) lies
    /// outside the frame. Score: the share, 0 to 1, of the ROI square that falls outside the frame.
    /// </summary>
    HandCutOff,

    /// <summary>
    /// The hand is so close that it does not fit in the frame. Score: the palm's width (the distance
    /// between the outer finger valleys) as a share of the frame's shorter side.
    /// </summary>
    TooClose,

    /// <summary>
    /// The hand is so far, or the camera's resolution so low, that the palm ROI has too few pixels to
    /// code. Score: the ROI side in frame pixels.
    /// </summary>
    TooFar,

    /// <summary>
    /// A hand-sized region was found but not the gaps between four spread fingers. Score: the number of
    /// finger gaps found (a spread hand shows three between its four fingers).
    /// </summary>
    FingersNotSpread,

    /// <summary>
    /// The fingers point farther from the direction the device expects than
    /// <see cref="PalmLocalizerOptions.MaxRotationDegrees"/> allows. Never reported with the default
    /// options, which accept any rotation in the image plane. Score: the angle between the fingers and
    /// the expected direction, in degrees (0 to 180).
    /// </summary>
    RotatedTooMuch,

    /// <summary>
    /// The palm is out of focus or moved during the exposure. Score: the palm ROI's sharpness, the RMS of
    /// its finest detail (the ROI minus a copy smoothed by about one pixel) as a percentage of its mean
    /// brightness; sharp palms measure about 1 to 4.
    /// </summary>
    Blurred,

    /// <summary>
    /// The palm is too dark to show its lines. Score: the ROI's mean brightness, 0 to 255; or, where the
    /// frame is too dim to segment at all, the mean brightness of its brighter part.
    /// </summary>
    TooDark,

    /// <summary>
    /// The palm is so bright that the sensor clipped it. Score: the share of ROI pixels at the top of
    /// the range (250 or more), 0 to 1.
    /// </summary>
    Overexposed,
}
