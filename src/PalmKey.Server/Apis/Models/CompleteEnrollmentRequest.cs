namespace PalmKey.Server.Apis.Models;

/// <summary>The palms to enroll: one or both hands.</summary>
internal sealed record CompleteEnrollmentRequest(IReadOnlyList<PalmCaptureRequest>? Palms);
