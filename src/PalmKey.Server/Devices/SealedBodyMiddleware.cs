using System.Security.Cryptography;
using Microsoft.Net.Http.Headers;
using PalmKey.Server.Auth;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;

namespace PalmKey.Server.Devices;

/// <summary>
/// Opens bodies that devices seal to their tenant's ingestion key (<see cref="DeviceProtocol.Seal"/>),
/// in memory, before the endpoint reads them: the endpoint sees plain JSON. On endpoints marked
/// <see cref="FramesBody"/> a device must seal its body, since it carries palm frames; a plain body
/// there is refused. Runs after authentication, which has already checked the signature over the
/// sealed bytes.
/// </summary>
internal sealed class SealedBodyMiddleware
{
    private static readonly object SealedKey = new();
    private readonly RequestDelegate _next;

    public SealedBodyMiddleware(RequestDelegate next)
    {
        _next = next;
    }

    /// <summary>
    /// Runs before routing: endpoint selection refuses content types an endpoint does not accept (415),
    /// so a sealed body is marked here and presented as the JSON it will be once opened.
    /// </summary>
    public static Task MarkSealedAsync(HttpContext context, RequestDelegate next)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(next);
        if (MediaTypeHeaderValue.TryParse(context.Request.ContentType, out var type) && type.MediaType.Equals(DeviceProtocol.SealedMediaType, StringComparison.OrdinalIgnoreCase))
        {
            context.Items[SealedKey] = true;
            context.Request.ContentType = "application/json";
        }

        return next(context);
    }

    public async Task InvokeAsync(HttpContext context, IngestionKeyStore keys, PalmKeyDbContext db)
    {
        var user = context.User;
        var isSealed = context.Items.ContainsKey(SealedKey);
        if (user.FindFirst(Caller.RoleClaim)?.Value != nameof(CallerRole.Device))
        {
            if (isSealed)
            {
                await Problems.Create(StatusCodes.Status400BadRequest, Problems.SealedBodyInvalid, "Sealed body from a non-device", "Only a device's signed request may carry a sealed body.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await _next(context).ConfigureAwait(false);
            return;
        }

        var caller = Caller.From(user);
        var request = context.Request;
        if (!isSealed)
        {
            // A chunked body has no length: it is refused like any other plain body.
            if (context.GetEndpoint()?.Metadata.GetMetadata<FramesBody>() is not null && request.ContentLength is not 0)
            {
                await Problems.Create(
                    StatusCodes.Status415UnsupportedMediaType,
                    Problems.SealedBodyRequired,
                    "Frames must be sealed",
                    $"This endpoint carries palm frames: a device must seal the whole body to the tenant's ingestion key (GET /v1/devices/ingestion-key) and send it as {DeviceProtocol.SealedMediaType}; see docs/protocol.md.").ExecuteAsync(context).ConfigureAwait(false);
                return;
            }

            await _next(context).ConfigureAwait(false);
            return;
        }

        // The authentication handler left the signed body in memory.
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, context.RequestAborted).ConfigureAwait(false);
        var sealedBody = buffer.ToArray();
        var keyId = DeviceProtocol.KeyIdOf(sealedBody);
        var key = keyId is null ? null : await keys.GetPrivateAsync(db, caller.Tenant, keyId, context.RequestAborted).ConfigureAwait(false);
        byte[] plaintext;
        try
        {
            plaintext = key is null
                ? throw new CryptographicException(keyId is null ? "The body is not a sealed body." : $"It was sealed to key {keyId}, which is not this tenant's ingestion key.")
                : DeviceProtocol.Open(sealedBody, key, caller.Tenant, caller.DeviceId!);
        }
        catch (CryptographicException e)
        {
            await Problems.Create(
                StatusCodes.Status400BadRequest,
                Problems.SealedBodyInvalid,
                "Sealed body cannot be opened",
                $"The sealed body cannot be opened for this tenant and device: {e.Message} Fetch the ingestion key (GET /v1/devices/ingestion-key) and seal again.").ExecuteAsync(context).ConfigureAwait(false);
            return;
        }

        request.Body = new MemoryStream(plaintext, writable: false);
        request.ContentLength = plaintext.Length;
        request.ContentType = "application/json";
        await _next(context).ConfigureAwait(false);
    }
}
