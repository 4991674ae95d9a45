namespace PalmKey;

/// <summary>
/// Settings of <see cref="PalmLocalizer"/> that depend on the device rather than on the palm. The
/// defaults accept a hand at any rotation in the image plane. Immutable and safe to share between threads.
/// </summary>
public sealed class PalmLocalizerOptions
{
    private readonly double _expectedFingerDirection;
    private readonly double _maxRotation = 180;

    /// <summary>The default options: any rotation is accepted.</summary>
    public static PalmLocalizerOptions Default { get; } = new();

    /// <summary>
    /// The direction the device expects the fingers to point in the frame, in degrees clockwise from
    /// straight up on screen (0 up, 90 right, 180 down, -90 left). Only used with a
    /// <see cref="MaxRotationDegrees"/> below 180. Default 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is not finite.</exception>
    public double ExpectedFingerDirectionDegrees
    {
        get => _expectedFingerDirection;
        init
        {
            if (!double.IsFinite(value))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The expected finger direction must be a finite number of degrees.");
            }

            _expectedFingerDirection = value;
        }
    }

    /// <summary>
    /// How far, in degrees, the fingers may point from <see cref="ExpectedFingerDirectionDegrees"/>
    /// before the frame gets <see cref="CaptureVerdict.RotatedTooMuch"/>. 0 to 180; default 180, which
    /// accepts any rotation (the ROI is cut in the palm's own coordinate system, so rotation does not
    /// hurt matching; a device may still want people to hold the hand the way its guide shows).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">The value is outside 0 to 180.</exception>
    public double MaxRotationDegrees
    {
        get => _maxRotation;
        init
        {
            if (!(value is >= 0 and <= 180))
            {
                throw new ArgumentOutOfRangeException(nameof(value), value, "The largest rotation must be between 0 and 180 degrees.");
            }

            _maxRotation = value;
        }
    }
}
