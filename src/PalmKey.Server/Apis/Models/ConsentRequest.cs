namespace PalmKey.Server.Apis.Models;

/// <summary>The person's answer to the disclosure.</summary>
internal sealed record ConsentRequest(string? DisclosureVersion, bool Accepted);
