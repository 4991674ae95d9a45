namespace PalmKey.Server.Apis.Models;

/// <summary>A transaction that must settle before the account is deleted.</summary>
internal sealed record OutstandingTransactionView(string Reference, string Description);
