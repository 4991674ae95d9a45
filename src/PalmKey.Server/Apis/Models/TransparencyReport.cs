namespace PalmKey.Server.Apis.Models;

/// <summary>A tenant's transparency report: numbers only.</summary>
internal sealed record TransparencyReport(DateTimeOffset GeneratedAt, int EnrolledCustomers, int EnrolledPalms, IReadOnlyList<PurposeCount> Identifications, IReadOnlyList<CauseCount> Deletions, PurgeSummary Purges);
