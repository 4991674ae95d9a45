namespace PalmKey.Server.Apis.Models;

/// <summary>Everything held about the signed-in customer, except templates.</summary>
internal sealed record ProfileResponse(string CustomerId, string Phone, DateTimeOffset EnrolledAt, DateTimeOffset LastInteractionAt, ConsentView Consent, IReadOnlyList<PalmView> Palms, IReadOnlyList<LinkedAccountResponse> LinkedAccounts, IReadOnlyList<UsageView> Usage, DateTimeOffset? CancellationRequestedAt, IReadOnlyList<CardView> Cards, IReadOnlyList<ReceiptView> Receipts, long PromotionCreditMinor);
