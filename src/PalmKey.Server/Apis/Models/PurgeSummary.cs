namespace PalmKey.Server.Apis.Models;

/// <summary>Retention purges: runs that deleted something, and what they deleted.</summary>
internal sealed record PurgeSummary(int Runs, int CustomersPurged);
