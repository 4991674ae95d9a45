namespace PalmKey.Server.Apis.Models;

/// <summary>The code sent to the number.</summary>
internal sealed record VerifyEnrollmentRequest(string? Code);
