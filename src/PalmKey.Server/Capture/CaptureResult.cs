namespace PalmKey.Server.Capture;

/// <summary>The outcome of processing frames: one probe per frame, or the reason they were refused.</summary>
/// <param name="Probes">The probes, one per frame, when accepted.</param>
/// <param name="Rejection">The reason, when refused.</param>
internal sealed record CaptureResult(IReadOnlyList<PalmProbe> Probes, CaptureRejection? Rejection)
{
    public bool IsAccepted => Rejection is null;

    public static CaptureResult Accepted(IReadOnlyList<PalmProbe> probes) => new(probes, null);

    public static CaptureResult Refused(CaptureRejection rejection) => new([], rejection);
}
