namespace PalmKey.Server.Payments;

/// <summary>A tokenized card, or why the gateway refused it.</summary>
/// <param name="Token">The token, or null when refused.</param>
/// <param name="Code">Why it was refused.</param>
internal sealed record TokenResult(string? Token, string? Code);
