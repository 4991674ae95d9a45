using Microsoft.AspNetCore.Http.HttpResults;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Identification;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Apis;

/// <summary>Identification at a device, rate-limited per device.</summary>
internal static class IdentificationApi
{
    public const string RateLimitPolicy = "identify-per-device";

    public static RouteHandlerBuilder MapIdentificationApi(this IEndpointRouteBuilder app) =>
        app.MapPost("/v1/identify", IdentifyAsync)
            .RequireAuthorization(Policies.Device)
            .RequireRateLimiting(RateLimitPolicy)
            .WithMetadata(FramesBody.Instance)
            .WithTags("Identification");

    private static Task<Results<Ok<IdentifyResponse>, ProblemHttpResult>> IdentifyAsync(
        IdentifyRequest request, HttpContext http, IdentificationService identification, CancellationToken cancellationToken) =>
        identification.IdentifyAsync(http.Caller(), request, cancellationToken);
}
