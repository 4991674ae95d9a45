namespace PalmKey.Server.Apis.Models;

/// <summary>The consent on record.</summary>
internal sealed record ConsentView(string DisclosureVersion, DateTimeOffset AcceptedAt);
