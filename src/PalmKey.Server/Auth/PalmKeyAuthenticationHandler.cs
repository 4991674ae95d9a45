using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Auth;

/// <summary>
/// Authenticates <c>Authorization: Bearer</c> credentials: admin keys (<c>pka_</c>), device keys
/// (<c>pkd_</c>), customer session tokens (<c>pks_</c>) and the operator key (<c>pko_</c>). Keys are
/// found by their public prefix and checked against the stored SHA-256 in constant time. On success
/// the request's <see cref="TenantScope"/> enters the caller's tenant, which every query then follows.
/// </summary>
internal sealed partial class PalmKeyAuthenticationHandler : AuthenticationHandler<AuthenticationSchemeOptions>
{
    public const string SchemeName = "PalmKey";

    private readonly PalmKeyDbFactory _databases;
    private readonly TenantScope _scope;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions _settings;

    public PalmKeyAuthenticationHandler(
        IOptionsMonitor<AuthenticationSchemeOptions> options,
        ILoggerFactory logger,
        UrlEncoder encoder,
        PalmKeyDbFactory databases,
        TenantScope scope,
        TimeProvider clock,
        IOptions<PalmKeyOptions> settings)
        : base(options, logger, encoder)
    {
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
            return AuthenticateResult.NoResult();
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
            case SecretToken.DeviceKind:
                var key = await db.ApiKeys.AsNoTracking().FirstOrDefaultAsync(k => k.Prefix == prefix, cancellationToken).ConfigureAwait(false);
                if (key is null || key.RevokedAt is not null || !SecretToken.Matches(token, key.Hash) || !await TenantIsLiveAsync(db, key.TenantId, cancellationToken).ConfigureAwait(false))
                {
                    return null;
                }

                if (key.Kind == ApiKeyKind.Admin && kind == SecretToken.AdminKind)
                {
                    return new Caller(CallerRole.Admin, key.TenantId, $"admin:{key.Prefix}", null, null, null);
                }

                var device = key.Kind == ApiKeyKind.Device && kind == SecretToken.DeviceKind
                    ? await db.Devices.AsNoTracking().FirstOrDefaultAsync(d => d.Id == key.DeviceId && d.TenantId == key.TenantId, cancellationToken).ConfigureAwait(false)
                    : null;
                return device is null || device.DeactivatedAt is not null
                    ? null
                    : new Caller(CallerRole.Device, key.TenantId, $"device:{device.Id}", device.Id, device.SiteId, null);

            case SecretToken.SessionKind:
                var session = await db.CustomerSessions.AsNoTracking().FirstOrDefaultAsync(s => s.Prefix == prefix, cancellationToken).ConfigureAwait(false);
                return session is null || session.ExpiresAt <= now || !SecretToken.Matches(token, session.TokenHash)
                    ? null
                    : new Caller(CallerRole.Customer, session.TenantId, $"customer:{session.CustomerId}", null, null, session.CustomerId);

            default:
                return null;
        }
    }

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
}
