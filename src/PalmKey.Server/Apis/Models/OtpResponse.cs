namespace PalmKey.Server.Apis.Models;

/// <summary>Sent if the number is enrolled; the answer is the same either way.</summary>
internal sealed record OtpResponse(string Status, int ExpiresInSeconds);
