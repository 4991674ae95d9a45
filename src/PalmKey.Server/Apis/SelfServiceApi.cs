using Microsoft.AspNetCore.Http.HttpResults;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;
using PalmKey.Server.SelfService;

namespace PalmKey.Server.Apis;

/// <summary>
/// The customer's self-service API. Signing in takes the business's tenant id in the body, because
/// there is no credential yet; every other call is scoped by the session token alone.
/// </summary>
internal static class SelfServiceApi
{
    public const string SignInRateLimitPolicy = "sign-in-per-client";

    public static RouteGroupBuilder MapSelfServiceApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/me").WithTags("Self-service");
        api.MapPost("/otp", RequestCodeAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimitPolicy);
        api.MapPost("/session", SignInAsync).AllowAnonymous().RequireRateLimiting(SignInRateLimitPolicy);
        var customer = api.MapGroup(string.Empty).RequireAuthorization(Policies.Customer);
        customer.MapGet("/", ProfileAsync);
        customer.MapGet("/export", ExportAsync);
        customer.MapDelete("/palms", DeletePalmsAsync).WithIdempotency();
        customer.MapPost("/cancel", CancelAsync).WithIdempotency();

        // Not idempotent on purpose: no stored request hash over a card number.
        customer.MapPost("/cards", AddCardAsync);
        customer.MapDelete("/cards/{cardId}", RemoveCardAsync).WithIdempotency();
        customer.MapPost("/accounts", LinkAccountAsync).WithIdempotency();
        customer.MapDelete("/accounts/{accountId}", UnlinkAccountAsync).WithIdempotency();
        return api;
    }

    private static Task<Results<Accepted<OtpResponse>, ProblemHttpResult>> RequestCodeAsync(OtpRequest request, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.RequestCodeAsync(request, cancellationToken);

    private static Task<Results<Ok<SessionResponse>, ProblemHttpResult>> SignInAsync(SessionRequest request, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.SignInAsync(request, cancellationToken);

    private static Task<Results<Ok<ProfileResponse>, ProblemHttpResult>> ProfileAsync(HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.ProfileAsync(http.Caller(), cancellationToken);

    private static Task<Results<Ok<ExportDocument>, ProblemHttpResult>> ExportAsync(HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.ExportAsync(http.Caller(), cancellationToken);

    private static Task<Results<Created<CardView>, ProblemHttpResult>> AddCardAsync(CardRequest request, HttpContext http, CustomerSelfService self, CardTokenizer tokenizer, CancellationToken cancellationToken) =>
        self.AddCardAsync(http.Caller(), request, tokenizer, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> RemoveCardAsync(string cardId, HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.RemoveCardAsync(http.Caller(), cardId, cancellationToken);

    private static Task<Results<Created<LinkedAccountResponse>, ProblemHttpResult>> LinkAccountAsync(LinkAccountRequest request, HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.LinkAccountAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<NoContent, ProblemHttpResult>> UnlinkAccountAsync(string accountId, HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.UnlinkAccountAsync(http.Caller(), accountId, cancellationToken);

    private static Task<NoContent> DeletePalmsAsync(HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.DeletePalmsAsync(http.Caller(), cancellationToken);

    private static Task<Results<Ok<CancelResponse>, Accepted<CancelResponse>, ProblemHttpResult>> CancelAsync(HttpContext http, CustomerSelfService self, CancellationToken cancellationToken) =>
        self.CancelAsync(http.Caller(), cancellationToken);
}
