namespace PalmKey.Server.Apis.Models;

/// <summary>The answer: a pseudonymous customer id, or not recognized.</summary>
internal sealed record IdentifyResponse(bool Recognized, string? CustomerId, double? Score);
