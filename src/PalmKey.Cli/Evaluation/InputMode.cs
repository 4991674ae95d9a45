namespace PalmKey.Cli.Evaluation;

/// <summary>What the images of a dataset show: palm ROIs, whole hands to localize first, or either, decided per set.</summary>
internal enum InputMode
{
    /// <summary>Decide per set (<see cref="InputModeDetector"/>).</summary>
    Auto,

    /// <summary>Every image is a palm ROI, coded as it is.</summary>
    Roi,

    /// <summary>Every image is a whole-hand frame: <see cref="PalmLocalizer"/> cuts the ROI, or its verdict counts as a failure to enroll.</summary>
    Hand,
}
