using Microsoft.AspNetCore.Http.HttpResults;
using PalmKey.Server.Apis.Models;
using PalmKey.Server.Auth;
using PalmKey.Server.Enrollment;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Payments;

namespace PalmKey.Server.Apis;

/// <summary>Enrollment at a device: disclosure, consent and number, code, palms.</summary>
internal static class EnrollmentApi
{
    public static RouteGroupBuilder MapEnrollmentApi(this IEndpointRouteBuilder app)
    {
        var api = app.MapGroup("/v1/enrollments").RequireAuthorization(Policies.Device).WithTags("Enrollment");
        api.MapGet("/disclosure", DisclosureAsync);
        api.MapPost("/", StartAsync).WithIdempotency();
        api.MapPost("/{enrollmentId}/verification", VerifyAsync).WithIdempotency();
        // Not idempotent on purpose: a stored request hash over a card number is not kept anywhere.
        api.MapPost("/{enrollmentId}/card", AddCardAsync);
        api.MapPost("/{enrollmentId}/palms", CompleteAsync).WithIdempotency().WithMetadata(FramesBody.Instance);
        return api;
    }

    private static async Task<Ok<DisclosureResponse>> DisclosureAsync(EnrollmentService enrollment, CancellationToken cancellationToken) =>
        TypedResults.Ok(await enrollment.DisclosureAsync(cancellationToken).ConfigureAwait(false));

    private static Task<Results<Created<EnrollmentResponse>, ProblemHttpResult>> StartAsync(
        StartEnrollmentRequest request, HttpContext http, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        enrollment.StartAsync(http.Caller(), request, cancellationToken);

    private static Task<Results<Ok<EnrollmentResponse>, ProblemHttpResult>> VerifyAsync(
        string enrollmentId, VerifyEnrollmentRequest request, HttpContext http, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        enrollment.VerifyAsync(http.Caller(), enrollmentId, request, cancellationToken);

    private static Task<Results<Ok<CardView>, ProblemHttpResult>> AddCardAsync(
        string enrollmentId, CardRequest request, HttpContext http, EnrollmentService enrollment, CardTokenizer tokenizer, CancellationToken cancellationToken) =>
        enrollment.AddCardAsync(http.Caller(), enrollmentId, request, tokenizer, cancellationToken);

    private static Task<Results<Created<EnrolledResponse>, ProblemHttpResult>> CompleteAsync(
        string enrollmentId, CompleteEnrollmentRequest request, HttpContext http, EnrollmentService enrollment, CancellationToken cancellationToken) =>
        enrollment.CompleteAsync(http.Caller(), enrollmentId, request, cancellationToken);
}
