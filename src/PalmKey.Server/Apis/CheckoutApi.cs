using Microsoft.AspNetCore.Http.HttpResults;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Entry;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;

namespace PalmKey.Server.Apis;

/// <summary>
/// What devices do with a palm: pay at a checkout, check in at a store, enter a venue, open an office
/// door, show a loyalty number, and link a ticketing account at a registration station. Each answers
/// 200 with an outcome for every expected result, and problem details for bad input.
/// </summary>
internal static class CheckoutApi
{
    public static void MapCheckoutApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1").RequireAuthorization(Policies.Device).RequireRateLimiting(IdentificationApi.RateLimitPolicy).WithMetadata(FramesBody.Instance);
        api.MapPost("/checkout", CheckoutAsync).WithIdempotency().WithTags("Payments");
        api.MapPost("/entry/checkin", CheckInAsync).WithIdempotency().WithTags("Entry");
        api.MapPost("/entry/venue", VenueAsync).WithIdempotency().WithTags("Entry");
        api.MapPost("/entry/venue/link", LinkTicketAsync).WithIdempotency().WithTags("Entry");
        api.MapPost("/entry/badge", BadgeAsync).WithIdempotency().WithTags("Entry");
        api.MapPost("/loyalty", LoyaltyAsync).WithIdempotency().WithTags("Entry");
    }

    private static Task<Results<Ok<CheckoutResponse>, ProblemHttpResult>> CheckoutAsync(CheckoutRequest request, HttpContext http, PaymentService payments, CancellationToken cancellationToken) =>
        payments.CheckoutAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<CheckInResponse>, ProblemHttpResult>> CheckInAsync(EntryRequest request, HttpContext http, EntryService entry, CancellationToken cancellationToken) =>
        entry.CheckInAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<VenueEntryResponse>, ProblemHttpResult>> VenueAsync(EntryRequest request, HttpContext http, EntryService entry, CancellationToken cancellationToken) =>
        entry.EnterVenueAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<TicketLinkResponse>, ProblemHttpResult>> LinkTicketAsync(TicketLinkRequest request, HttpContext http, EntryService entry, CancellationToken cancellationToken) =>
        entry.LinkTicketAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<BadgeResponse>, ProblemHttpResult>> BadgeAsync(EntryRequest request, HttpContext http, EntryService entry, CancellationToken cancellationToken) =>
        entry.BadgeAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<LoyaltyResponse>, ProblemHttpResult>> LoyaltyAsync(EntryRequest request, HttpContext http, EntryService entry, CancellationToken cancellationToken) =>
        entry.LoyaltyAsync(http.Caller(), request, cancellationToken);
}
