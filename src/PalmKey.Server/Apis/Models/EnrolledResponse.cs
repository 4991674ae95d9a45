namespace PalmKey.Server.Apis.Models;

/// <summary>The enrolled customer: a pseudonymous id, meaningful only within the tenant.</summary>
internal sealed record EnrolledResponse(string CustomerId, IReadOnlyList<PalmView> Palms);
