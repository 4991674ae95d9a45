using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Devices;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> credentials: admin keys (<c>pka_</c>), customer session
/// tokens (<c>pks_</c>) and the operator key (<c>pko_</c>). Keys are found by their public prefix and
/// checked against the stored SHA-256 in constant time. Devices have no bearer key: they sign every
/// request (<see cref="DeviceProtocol"/>); the device is read from the database on every request, so
/// a deactivation refuses the very next one. On success the request's <see cref="TenantScope"/> enters
/// the caller's tenant, which every query then follows.
/// </summary>
internal sealed partial class PalmKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "PalmKey";

    private readonly PalmKeyDbFactory _databases;
    private readonly TenantScope _scope;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions _settings;
    private readonly NonceCache _nonces;

    public PalmKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        PalmKeyDbFactory databases,
        TenantScope scope,
        TimeProvider clock,
        IOptions<PalmKeyOptions> settings,
        NonceCache nonces)
        : base(options, logger, encoder)
    {
        _nonces = nonces;
        _databases = databases;
        _scope = scope;
        _clock = clock;
        _settings = settings.Value;
    }

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var header = Request.Headers.Authorization.ToString();
        if (string.IsNullOrEmpty(header))
        {
            return Request.Headers.ContainsKey(DeviceProtocol.DeviceHeader)
                ? await AuthenticateDeviceAsync().ConfigureAwait(false)
                : AuthenticateResult.NoResult();
        }

        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return AuthenticateResult.Fail("Only Bearer credentials are accepted.");
        }

        var token = header["Bearer ".Length..].Trim();
        var caller = await IdentifyAsync(token, Context.RequestAborted).ConfigureAwait(false);
        if (caller is null)
        {
            // Only a well-formed token's public prefix is logged; never the secret part, never other text.
            var prefix = PublicPrefix(token) ?? "(malformed)";
            LogRejected(Logger, prefix);
            return AuthenticateResult.Fail("The credential is not valid.");
        }

        if (caller.Role == CallerRole.Operator)
        {
            _scope.EnterSystem();
        }
        else
        {
            _scope.EnterTenant(caller.Tenant);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    protected override async Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        if (Context.Items.TryGetValue(typeof(DeviceRefusal), out var value) && value is DeviceRefusal refusal)
        {
            Response.Headers.WWWAuthenticate = "PalmKey-Signature";
            await Problems.Create(StatusCodes.Status401Unauthorized, refusal.Slug, refusal.Title, refusal.Detail).ExecuteAsync(Context).ConfigureAwait(false);
            return;
        }

        Response.Headers.WWWAuthenticate = "Bearer";
        await Problems.Create(
            StatusCodes.Status401Unauthorized,
            Problems.Unauthorized,
            "Authentication required",
            "Send a valid API key or session token as `Authorization: Bearer <token>`.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    protected override async Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        await Problems.Create(
            StatusCodes.Status403Forbidden,
            Problems.Forbidden,
            "Not allowed",
            "This credential may not use this endpoint.").ExecuteAsync(Context).ConfigureAwait(false);
    }

    private async Task<Caller?> IdentifyAsync(string token, CancellationToken cancellationToken)
    {
        var prefix = PublicPrefix(token);
        var kind = prefix?[..3];
        if (prefix is null)
        {
            return null;
        }

        if (kind == SecretToken.OperatorKind)
        {
            return IsOperatorKey(token) ? new Caller(CallerRole.Operator, null, "operator", null, null, null) : null;
        }

        await using var db = _databases.CreateSystem();
        var now = _clock.GetUtcNow();
        switch (kind)
        {
            case SecretToken.AdminKind:
                var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken).ConfigureAwait(false);
                if (key is null || key.RevokedAt is not null || !SecretToken.Matches(token, key.Hash) || !await TenantIsLiveAsync(db, key.TenantId, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                return key.Kind == ApiKeyKind.Admin
                    ? new Caller(CallerRole.Admin, key.TenantId, $"admin:{key.Prefix}", null, null, null)
                    : null;

            case SecretToken.SessionKind:
                var session = await db.CustomerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Prefix == prefix, cancellationToken).ConfigureAwait(false);
                return session is null || session.ExpiresAt <= now || !SecretToken.Matches(token, session.TokenHash)
                    ? null
                    : new Caller(CallerRole.Customer, session.TenantId, $"customer:{session.CustomerId}", null, null, session.CustomerId);

            default:
                return null;
        }
    }

    private async Task<AuthenticateResult> AuthenticateDeviceAsync()
    {
        var cancellationToken = Context.RequestAborted;
        var deviceId = Request.Headers[DeviceProtocol.DeviceHeader].ToString();
        var timestampText = Request.Headers[DeviceProtocol.TimestampHeader].ToString();
        var nonce = Request.Headers[DeviceProtocol.NonceHeader].ToString();
        var contentHash = Request.Headers[DeviceProtocol.ContentHashHeader].ToString();
        var signature = Request.Headers[DeviceProtocol.SignatureHeader].ToString();
        if (!long.TryParse(timestampText, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var timestamp)
            || nonce.Length is < 16 or > 64 || nonce.AsSpan().IndexOfAnyExcept(NonceCharacters) >= 0
            || contentHash.Length != 64 || string.IsNullOrEmpty(signature) || deviceId.Length is 0 or > 40)
        {
            return Refuse(Problems.DeviceSignatureInvalid, "Request not signed", $"A device request needs the headers {DeviceProtocol.DeviceHeader}, {DeviceProtocol.TimestampHeader} (Unix seconds), {DeviceProtocol.NonceHeader} (16 to 64 base64url characters), {DeviceProtocol.ContentHashHeader} (SHA-256 of the body, lowercase hex) and {DeviceProtocol.SignatureHeader}; see docs/protocol.md.");
        }

        await using var db = _databases.CreateSystem();
        var device = await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == deviceId, cancellationToken).ConfigureAwait(false);
        if (device is null || device.PublicKey is null || !await TenantIsLiveAsync(db, device.TenantId, cancellationToken).ConfigureAwait(false))
        {
            return Refuse(Problems.DeviceUnknown, "Unknown device", "No activated device has this id. Activate the device with a code from the tenant's admin (POST /v1/devices/activate).");
        }

        if (device.DeactivatedAt is not null)
        {
            return Refuse(Problems.DeviceDeactivated, "Device deactivated", "This device was deactivated by the tenant's admin and may no longer make requests.");
        }

        var now = _clock.GetUtcNow();
        var sentAt = DateTimeOffset.FromUnixTimeSeconds(Math.Clamp(timestamp, 0, 253402300799));
        if ((sentAt - now).Duration() > DeviceProtocol.ClockSkew)
        {
            return Refuse(Problems.DeviceClockSkew, "Clock out of step", string.Create(System.Globalization.CultureInfo.InvariantCulture, $"The request's timestamp is {(long)(sentAt - now).TotalSeconds} s from the server's clock; at most {DeviceProtocol.ClockSkew.TotalSeconds} s is accepted. Set the device's clock (NTP)."));
        }

        // The body is read into memory, never buffered to a temporary file: it may carry palm frames.
        var body = await ReadBodyAsync(cancellationToken).ConfigureAwait(false);
        var canonical = DeviceProtocol.CanonicalString(Request.Method, RequestTarget(), contentHash, timestamp, nonce, deviceId);
        if (!DeviceProtocol.Verify(device.PublicKey, canonical, signature))
        {
            return Refuse(Problems.DeviceSignatureInvalid, "Bad signature", "The signature does not verify with this device's key over the method, path, body hash, timestamp, nonce and device id (docs/protocol.md).");
        }

        if (!string.Equals(DeviceProtocol.BodyHash(body), contentHash, StringComparison.Ordinal))
        {
            return Refuse(Problems.DeviceBodyTampered, "Body altered", "The body is not the one the device signed: its SHA-256 differs from the signed hash.");
        }

        if (!_nonces.TryUse(device.Id, nonce, sentAt))
        {
            return Refuse(Problems.DeviceReplay, "Replayed request", "This device already sent a request with this nonce. Every request needs a fresh nonce; a replayed request is refused.");
        }

        if (device.LastSeenAt is null || now - device.LastSeenAt > TimeSpan.FromMinutes(1))
        {
            await db.Devices.Where(d => d.Id == device.Id).ExecuteUpdateAsync(u => u.SetProperty(d => d.LastSeenAt, now), cancellationToken).ConfigureAwait(false);
        }

        _scope.EnterTenant(device.TenantId);
        var caller = new Caller(CallerRole.Device, device.TenantId, $"device:{device.Id}", device.Id, device.SiteId, null);
        return AuthenticateResult.Success(new AuthenticationTicket(caller.ToPrincipal(SchemeName), SchemeName));
    }

    private AuthenticateResult Refuse(string slug, string title, string detail)
    {
        Context.Items[typeof(DeviceRefusal)] = new DeviceRefusal(slug, title, detail);
        LogDeviceRefused(Logger, slug);
        return AuthenticateResult.Fail(detail);
    }

    private string RequestTarget()
    {
        var raw = Context.Features.Get<IHttpRequestFeature>()?.RawTarget;
        return !string.IsNullOrEmpty(raw) && raw[0] == '/'
            ? raw
            : string.Concat(Request.PathBase.ToUriComponent(), Request.Path.ToUriComponent(), Request.QueryString.ToUriComponent());
    }

    private async Task<byte[]> ReadBodyAsync(CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream(Request.ContentLength is { } length and < int.MaxValue ? (int)length : 0);
        await Request.Body.CopyToAsync(buffer, cancellationToken).ConfigureAwait(false);
        var body = buffer.ToArray();
        Request.Body = new MemoryStream(body, writable: false);
        Request.ContentLength = body.Length;
        return body;
    }

    private static readonly System.Buffers.SearchValues<char> NonceCharacters =
        System.Buffers.SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_");

    private static string? PublicPrefix(string token) =>
        token.Length > 4 ? SecretToken.PrefixOf(token, token[..3]) : null;

    private bool IsOperatorKey(string token)
    {
        if (string.IsNullOrEmpty(_settings.OperatorKeyHash))
        {
            return false;
        }

        var expected = Convert.FromHexString(_settings.OperatorKeyHash);
        return CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(token)), expected);
    }

    private static Task<bool> TenantIsLiveAsync(PalmKeyDbContext db, string tenantId, CancellationToken cancellationToken) =>
        db.Tenants.AnyAsync(t => t.Id == tenantId && t.DeletionStartedAt == null, cancellationToken);

    [LoggerMessage(EventId = 100, Level = LogLevel.Information, Message = "Rejected a credential starting {Prefix}")]
    private static partial void LogRejected(ILogger logger, string prefix);

    [LoggerMessage(EventId = 101, Level = LogLevel.Information, Message = "Refused a device request: {Reason}")]
    private static partial void LogDeviceRefused(ILogger logger, string reason);

    private sealed record DeviceRefusal(string Slug, string Title, string Detail);
}
