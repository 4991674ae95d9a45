using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Turns exceptions into problem details: a body that is not JSON, or JSON of the wrong shape, is a
/// 400 with <c>malformed-json</c>; an oversized body is a 413; anything else is a 500 that reveals
/// nothing about the cause (which is logged, without request data).
/// </summary>
internal sealed partial class ProblemExceptionHandler : IExceptionHandler
{
    private readonly ILogger<ProblemExceptionHandler> _logger;

    public ProblemExceptionHandler(ILogger<ProblemExceptionHandler> logger)
    {
        _logger = logger;
    }

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        var problem = exception switch
        {
            BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => Problems.Create(
                StatusCodes.Status413PayloadTooLarge, Problems.PayloadTooLarge, "The request body is too large", "The request body is larger than this endpoint accepts; see docs/api.md for the limits."),
            BadHttpRequestException { InnerException: JsonException json } => Problems.Create(
                StatusCodes.Status400BadRequest, Problems.MalformedJson, "The request body is not valid JSON", DescribeJsonError(json)),
            BadHttpRequestException bad => Problems.Create(
                bad.StatusCode, Problems.SlugForStatus(bad.StatusCode), "The request is not valid", bad.Message),
            _ => null,
        };
        if (problem is null)
        {
            LogUnhandled(_logger, exception.GetType().Name, httpContext.Request.Method, httpContext.GetEndpoint()?.DisplayName, exception);
            problem = Problems.Create(StatusCodes.Status500InternalServerError, Problems.Internal, "Internal error", "The server failed to handle the request. The error was logged.");
        }

        await problem.ExecuteAsync(httpContext).ConfigureAwait(false);
        return true;
    }

    // A JsonException's message names the JSON path and position, never the value.
    private static string DescribeJsonError(JsonException json) =>
        json.Path is null ? "The body could not be read as JSON." : $"The body could not be read as JSON at {json.Path} (line {json.LineNumber + 1}, byte {json.BytePositionInLine}).";

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled {ExceptionType} in {Method} {Endpoint}")]
    private static partial void LogUnhandled(ILogger logger, string exceptionType, string method, string? endpoint, Exception exception);
}
