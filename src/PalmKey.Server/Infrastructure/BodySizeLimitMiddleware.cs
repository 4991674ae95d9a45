using Microsoft.Extensions.Options;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Caps every request body: endpoints marked <see cref="FramesBody"/> at the frames limit (16 MB by
/// default), all others at the small limit (64 KB). A declared length over the cap is refused before
/// reading; an undeclared one fails as soon as the cap is passed.
/// </summary>
internal sealed class BodySizeLimitMiddleware
{
    private readonly RequestDelegate _next;
    private readonly PalmKeyOptions.LimitSettings _limits;

    public BodySizeLimitMiddleware(RequestDelegate next, IOptions<PalmKeyOptions> options)
    {
        _next = next;
        _limits = options.Value.Limits;
    }

    public async Task InvokeAsync(HttpContext context)
    {
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<FramesBody>() is null ? _limits.BodyBytes : _limits.FramesBodyBytes;
        if (context.Request.ContentLength > limit)
        {
            throw new BadHttpRequestException("The request body is larger than this endpoint accepts.", StatusCodes.Status413PayloadTooLarge);
        }

        context.Request.Body = new LimitedReadStream(context.Request.Body, limit);
        await _next(context).ConfigureAwait(false);
    }
}
