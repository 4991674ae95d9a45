namespace PalmKey.Server.Apis.Models;

/// <summary>An enrollment's state.</summary>
internal sealed record EnrollmentResponse(string EnrollmentId, string Status, DateTimeOffset ExpiresAt);
