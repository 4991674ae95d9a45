namespace PalmKey.Server.Apis.Models;

/// <summary>A customer as the tenant's admin sees it: no number, no account references.</summary>
internal sealed record AdminCustomerView(string CustomerId, DateTimeOffset EnrolledAt, ConsentView Consent, IReadOnlyList<PalmView> Palms, IReadOnlyList<string> LinkedAccountKinds, IReadOnlyList<UsageView> Usage, DateTimeOffset? CancellationRequestedAt);
