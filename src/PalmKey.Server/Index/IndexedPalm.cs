namespace PalmKey.Server.Index;

/// <summary>One enrolled palm in a tenant's index: its captures' templates and whose it is.</summary>
/// <param name="PalmId">The palm row's id.</param>
/// <param name="CustomerId">The customer's pseudonymous id.</param>
/// <param name="Captures">The enrolled templates, at least one.</param>
internal sealed record IndexedPalm(string PalmId, string CustomerId, IReadOnlyList<PalmTemplate> Captures);
