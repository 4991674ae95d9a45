namespace PalmKey.Server.Apis.Models;

/// <summary>Store check-in: the outcome and, when checked in, the customer's pseudonymous id with this business.</summary>
internal sealed record CheckInResponse(string Outcome, string Detail, string? CustomerId);
