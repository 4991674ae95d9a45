namespace PalmKey.Server.Apis.Models;

/// <summary>Starts an enrollment: consent first, then the number to verify.</summary>
internal sealed record StartEnrollmentRequest(ConsentRequest? Consent, string? Phone);
