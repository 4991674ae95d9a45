namespace PalmKey.Server.Apis.Models;

/// <summary>One UTC day (yyyy-MM-dd): enrollments, and identifications by purpose and result.</summary>
internal sealed record DayStats(string Date, int Enrollments, IReadOnlyList<PurposeCount> Identifications);
