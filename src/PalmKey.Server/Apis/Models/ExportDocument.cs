namespace PalmKey.Server.Apis.Models;

/// <summary>The customer's data export.</summary>
internal sealed record ExportDocument(string Format, DateTimeOffset ExportedAt, string TenantId, string TenantName, ProfileResponse Profile, DisclosureResponse CurrentDisclosure, IReadOnlyList<string> NotIncluded);
