namespace PalmKey.Server.Apis.Models;

/// <summary>A tenant's settings and the disclosure version they make.</summary>
internal sealed record SettingsResponse(string Name, IReadOnlyList<string> AcceptedPurposes, int DormancyDays, int MaxRetentionDays, double TargetFpir, string DisclosureVersion, string Currency, long EnrollmentCreditMinor);
