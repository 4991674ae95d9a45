namespace PalmKey.Server.Apis.Models;

/// <summary>Asks for a sign-in code.</summary>
internal sealed record OtpRequest(string? Tenant, string? Phone);
