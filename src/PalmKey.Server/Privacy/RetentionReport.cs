namespace PalmKey.Server.Privacy;

/// <summary>What one retention run deleted, over all tenants.</summary>
/// <param name="Dormant">Accounts deleted for dormancy.</param>
/// <param name="RetentionLimit">Accounts deleted at the maximum retention.</param>
/// <param name="Cancelled">Cancelled accounts deleted once their transactions settled.</param>
/// <param name="Expired">Expired sessions, codes, enrollments, command records and old log rows deleted.</param>
internal sealed record RetentionReport(int Dormant, int RetentionLimit, int Cancelled, int Expired);
