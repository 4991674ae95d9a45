namespace PalmKey.Server.Privacy;

/// <summary>A transaction of a customer that is not settled yet, as the payments side reports it.</summary>
/// <param name="Reference">The transaction's reference.</param>
/// <param name="Description">What it is, for the customer to read.</param>
internal sealed record OutstandingTransaction(string Reference, string Description);
