namespace PalmKey.Server.Apis.Models;

/// <summary>Deletions for one cause.</summary>
internal sealed record CauseCount(string Cause, int Customers, int PalmDeletions);
