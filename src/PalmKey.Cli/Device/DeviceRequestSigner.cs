using System.Net.Http.Headers;
using System.Text.Json;
using PalmKey.Server.Devices;

namespace PalmKey.Cli.Device;

/// <summary>
/// The device side of docs/protocol.md as one <see cref="DelegatingHandler"/>: every request is signed,
/// and every request body is first sealed to the tenant's ingestion key (fetched once, with a signed
/// request), so frames leave the device only encrypted. Bodies are held in memory only. Not meant for
/// concurrent first use; after the key is fetched it is thread-safe.
/// </summary>
internal sealed class DeviceRequestSigner : DelegatingHandler
{
    private readonly DeviceIdentity _identity;
    private readonly TimeProvider _clock;
    private (string KeyId, byte[] PublicKey)? _ingestionKey;

    public DeviceRequestSigner(DeviceIdentity identity, TimeProvider? clock = null, HttpMessageHandler? inner = null)
    {
        _identity = identity;
        _clock = clock ?? TimeProvider.System;
        if (inner is not null)
        {
            InnerHandler = inner;
        }
    }

    /// <summary>Whether bodies are sealed; false only to show that a server refuses plain frames.</summary>
    public bool SealBodies { get; init; } = true;

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        if (request.Content is not null && body.Length > 0 && SealBodies
            && request.Content.Headers.ContentType?.MediaType != DeviceProtocol.SealedMediaType)
        {
            var (keyId, publicKey) = _ingestionKey ??= await FetchIngestionKeyAsync(request.RequestUri!, cancellationToken).ConfigureAwait(false);
            body = DeviceProtocol.Seal(body, publicKey, keyId, _identity.TenantId, _identity.DeviceId);
            var sealedContent = new ByteArrayContent(body);
            sealedContent.Headers.ContentType = new MediaTypeHeaderValue(DeviceProtocol.SealedMediaType);
            request.Content = sealedContent;
        }

        _identity.Sign(request, body, _clock.GetUtcNow());
        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }

    private async Task<(string KeyId, byte[] PublicKey)> FetchIngestionKeyAsync(Uri target, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(target, "/v1/devices/ingestion-key"));
        _identity.Sign(request, [], _clock.GetUtcNow());
        using var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        var text = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            throw new DeviceRequestException((int)response.StatusCode, text);
        }

        using var answer = JsonDocument.Parse(text);
        var root = answer.RootElement;
        if (root.GetProperty("tenantId").GetString() != _identity.TenantId)
        {
            throw new DeviceRequestException("The server gave an ingestion key of another tenant; refusing to seal frames to it.");
        }

        return (root.GetProperty("keyId").GetString()!, root.GetProperty("publicKey").GetBytesFromBase64());
    }
}
