using Microsoft.AspNetCore.Http.HttpResults;

namespace PalmKey.Server.Identification;

/// <summary>What the identification step found.</summary>
/// <param name="CustomerId">The recognized customer, or null.</param>
/// <param name="Score">The match score of the recognized customer.</param>
/// <param name="SiteId">The site the identification was made at.</param>
/// <param name="Ambiguous">More than one customer scored above the threshold, so no one was picked.</param>
/// <param name="Problem">Why the request was refused before any decision (bad input, poor frames), or null.</param>
internal sealed record PalmIdentification(string? CustomerId, double? Score, string SiteId, bool Ambiguous, ProblemHttpResult? Problem)
{
    public static PalmIdentification Refused(ProblemHttpResult problem) => new(null, null, string.Empty, false, problem);
}
