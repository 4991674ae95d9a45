namespace PalmKey.Server.Apis.Models;

/// <summary>A customer in the admin list: pseudonymous, no number.</summary>
internal sealed record CustomerSummary(string CustomerId, DateTimeOffset EnrolledAt, int Palms, DateTimeOffset? LastIdentifiedAt, bool CancellationPending);
