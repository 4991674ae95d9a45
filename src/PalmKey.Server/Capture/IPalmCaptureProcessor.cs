namespace PalmKey.Server.Capture;

/// <summary>
/// Turns a device's frames into palm probes, in memory only: frames are never stored and never logged.
/// The seam where hand localization and quality verdicts plug in.
/// </summary>
internal interface IPalmCaptureProcessor
{
    /// <summary>Processes every frame; refuses the whole set at the first unusable frame.</summary>
    /// <param name="frames">Encoded images (PNG, BMP, JPEG, PGM).</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One probe per frame, or the rejection.</returns>
    Task<CaptureResult> ProcessAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken);

    /// <summary>
    /// Processes the frames of a hover gesture, the capture every identification needs: enough frames,
    /// no two the same image, none seen before within the replay window, and all of one palm (every
    /// pair agrees above <see cref="Enrollment.CaptureAgreement.Threshold"/>).
    /// </summary>
    /// <param name="frames">Encoded images of one hover, in order.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>One probe per frame, or the rejection.</returns>
    Task<CaptureResult> ProcessHoverAsync(IReadOnlyList<byte[]> frames, CancellationToken cancellationToken);
}
