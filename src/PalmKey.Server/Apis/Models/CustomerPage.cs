namespace PalmKey.Server.Apis.Models;

/// <summary>A page of customers; pass Next as 'after' for the next page.</summary>
internal sealed record CustomerPage(IReadOnlyList<CustomerSummary> Customers, string? Next);
