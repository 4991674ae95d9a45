namespace PalmKey.Server.Apis.Models;

/// <summary>Changes a tenant's settings; omitted fields stay as they are.</summary>
internal sealed record SettingsRequest(IReadOnlyList<string>? AcceptedPurposes, int? DormancyDays, int? MaxRetentionDays, double? TargetFpir, string? Currency = null, long? EnrollmentCreditMinor = null);
