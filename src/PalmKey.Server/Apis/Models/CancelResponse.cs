namespace PalmKey.Server.Apis.Models;

/// <summary>The outcome of closing an account.</summary>
internal sealed record CancelResponse(string Status, IReadOnlyList<OutstandingTransactionView> Outstanding);
