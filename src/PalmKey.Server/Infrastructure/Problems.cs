using Microsoft.AspNetCore.Http.HttpResults;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// RFC 9457 problem details with stable <c>type</c> URIs, one per kind of problem, so that clients can
/// branch on the type rather than on the wording. docs/api.md lists them.
/// </summary>
internal static class Problems
{
    public const string BaseUri = "https://palmkey.dev/problems/";

    public const string InvalidRequest = "invalid-request";
    public const string MalformedJson = "malformed-json";
    public const string PayloadTooLarge = "payload-too-large";
    public const string Unauthorized = "unauthorized";
    public const string Forbidden = "forbidden";
    public const string NotFound = "not-found";
    public const string MethodNotAllowed = "method-not-allowed";
    public const string UnsupportedMediaType = "unsupported-media-type";
    public const string RateLimited = "rate-limited";
    public const string NotReady = "not-ready";
    public const string Internal = "internal";
    public const string ConsentRequired = "consent-required";
    public const string DisclosureOutdated = "disclosure-outdated";
    public const string InvalidPhone = "invalid-phone";
    public const string InvalidImage = "invalid-image";
    public const string PoorQuality = "poor-quality";
    public const string CapturesDisagree = "captures-disagree";
    public const string SamePalmTwice = "same-palm-twice";
    public const string DuplicatePalm = "duplicate-palm";
    public const string AlreadyEnrolled = "already-enrolled";
    public const string EnrollmentNotVerified = "enrollment-not-verified";
    public const string CodeInvalid = "code-invalid";
    public const string CodeExpired = "code-expired";
    public const string TooManyCodes = "too-many-codes";
    public const string PurposeNotAccepted = "purpose-not-accepted";
    public const string UnknownSite = "unknown-site";
    public const string SiteInUse = "site-in-use";
    public const string IdempotencyKeyReused = "idempotency-key-reused";
    public const string IdempotencyInProgress = "idempotency-in-progress";
    public const string InvalidIdempotencyKey = "invalid-idempotency-key";
    public const string CardInvalid = "card-invalid";
    public const string CardRefused = "card-refused";
    public const string PaymentInProgress = "payment-in-progress";
    public const string OrderReferenceUsed = "order-reference-used";
    public const string NotRefundable = "not-refundable";
    public const string GatewayFailed = "gateway-failed";
    public const string DeviceSignatureInvalid = "device-signature-invalid";
    public const string DeviceBodyTampered = "device-body-tampered";
    public const string DeviceReplay = "device-replay";
    public const string DeviceClockSkew = "device-clock-skew";
    public const string DeviceUnknown = "device-unknown";
    public const string DeviceDeactivated = "device-deactivated";
    public const string ActivationCodeInvalid = "activation-code-invalid";
    public const string ActivationCodeExpired = "activation-code-expired";
    public const string InvalidPublicKey = "invalid-public-key";
    public const string DeviceDeactivatedConflict = "device-is-deactivated";
    public const string SealedBodyRequired = "sealed-body-required";
    public const string SealedBodyInvalid = "sealed-body-invalid";
    public const string GestureRequired = "gesture-required";
    public const string StillImage = "still-image";
    public const string ReplayedFrames = "replayed-frames";
    public const string UnstablePalm = "unstable-palm";

    public static string TypeOf(string slug) => BaseUri + slug;

    public static ProblemHttpResult Create(int status, string slug, string title, string detail, IDictionary<string, object?>? extensions = null) =>
        TypedResults.Problem(detail: detail, statusCode: status, title: title, type: TypeOf(slug), extensions: extensions);

    public static ProblemHttpResult Invalid(string detail) =>
        Create(StatusCodes.Status400BadRequest, InvalidRequest, "The request is not valid", detail);

    public static ProblemHttpResult Missing(string what) =>
        Create(StatusCodes.Status404NotFound, NotFound, "Not found", $"{what} does not exist.");

    /// <summary>What to say for a status answered by the framework, where no handler said more.</summary>
    public static string DefaultDetail(int status) => status switch
    {
        StatusCodes.Status401Unauthorized => "Send a valid API key or session token as `Authorization: Bearer <token>`.",
        StatusCodes.Status403Forbidden => "This credential may not use this endpoint.",
        StatusCodes.Status404NotFound => "There is no such endpoint or resource; docs/api.md lists the endpoints.",
        StatusCodes.Status405MethodNotAllowed => "This endpoint does not accept this HTTP method.",
        StatusCodes.Status413PayloadTooLarge => "The request body is larger than this endpoint accepts; see docs/api.md for the limits.",
        StatusCodes.Status415UnsupportedMediaType => "Send the body as application/json.",
        _ => "The request could not be handled.",
    };

    /// <summary>The slug for a status answered by the framework (unknown route, wrong method), where no handler chose one.</summary>
    public static string SlugForStatus(int status) => status switch
    {
        StatusCodes.Status400BadRequest => InvalidRequest,
        StatusCodes.Status401Unauthorized => Unauthorized,
        StatusCodes.Status403Forbidden => Forbidden,
        StatusCodes.Status404NotFound => NotFound,
        StatusCodes.Status405MethodNotAllowed => MethodNotAllowed,
        StatusCodes.Status413PayloadTooLarge => PayloadTooLarge,
        StatusCodes.Status415UnsupportedMediaType => UnsupportedMediaType,
        StatusCodes.Status429TooManyRequests => RateLimited,
        StatusCodes.Status503ServiceUnavailable => NotReady,
        _ => status >= 500 ? Internal : InvalidRequest,
    };
}
