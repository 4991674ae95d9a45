namespace PalmKey.Server.Apis.Models;

/// <summary>A payment as the tenant's admin sees it: the receipt, the customer's pseudonymous id and any decline code.</summary>
internal sealed record PaymentView(string CustomerId, ReceiptView Receipt, string? DeclineCode);
