using PalmKey.Storage;
using PalmKey.Storage.Audit;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Tenancy;

/// <summary>Creates tenants, their API keys, sites and devices. Keys and activation codes are random 256-bit and stored as hashes only.</summary>
internal sealed class TenantProvisioning
{
    private readonly TenantKeyring _keyring;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;

    public TenantProvisioning(TenantKeyring keyring, AuditLog audit, TimeProvider clock)
    {
        _keyring = keyring;
        _audit = audit;
        _clock = clock;
    }

    /// <summary>Creates a tenant with its own data key and a first admin key; <paramref name="db"/> is in the system scope.</summary>
    public async Task<(Tenant Tenant, IssuedKey AdminKey)> CreateTenantAsync(PalmKeyDbContext db, string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = _clock.GetUtcNow();
        var tenant = new Tenant
        {
            Id = EntityIds.New("ten"),
            Name = name,
            CreatedAt = now,
            AcceptedPurposes = TenantDefaults.AcceptedPurposes,
            DormancyDays = TenantDefaults.DormancyDays,
            MaxRetentionDays = TenantDefaults.MaxRetentionDays,
            TargetFpir = TenantDefaults.TargetFpir,
            Currency = TenantDefaults.Currency,
        };
        db.Tenants.Add(tenant);
        _keyring.AddDataKey(db, tenant.Id, now);
        var adminKey = StageAdminKey(db, tenant.Id, "first admin key", now);
        await _audit.CommitAsync(db, new AuditRecord(now, tenant.Id, actor, "tenant.created", tenant.Id), null, cancellationToken).ConfigureAwait(false);
        return (tenant, adminKey);
    }

    /// <summary>Adds an admin key to a tenant.</summary>
    public async Task<IssuedKey> AddAdminKeyAsync(PalmKeyDbContext db, string tenantId, string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = _clock.GetUtcNow();
        var key = StageAdminKey(db, tenantId, name, now);
        await _audit.CommitAsync(db, new AuditRecord(now, tenantId, actor, "api-key.created", key.Prefix), null, cancellationToken).ConfigureAwait(false);
        return key;
    }

    /// <summary>Creates a site.</summary>
    public async Task<Site> AddSiteAsync(PalmKeyDbContext db, string tenantId, string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = _clock.GetUtcNow();
        var site = new Site { Id = EntityIds.New("site"), TenantId = tenantId, Name = name, CreatedAt = now };
        db.Sites.Add(site);
        await _audit.CommitAsync(db, new AuditRecord(now, tenantId, actor, "site.created", site.Id), null, cancellationToken).ConfigureAwait(false);
        return site;
    }

    /// <summary>How long an activation code works.</summary>
    public static readonly TimeSpan ActivationCodeLifetime = TimeSpan.FromHours(24);

    /// <summary>Registers a device at a site, with a one-time activation code for the device to present with its public key.</summary>
    public async Task<(Device Device, ActivationCode Code)> AddDeviceAsync(PalmKeyDbContext db, string tenantId, string siteId, string name, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var now = _clock.GetUtcNow();
        var device = new Device { Id = EntityIds.New("dev"), TenantId = tenantId, SiteId = siteId, Name = name, CreatedAt = now };
        var code = StageActivationCode(device, now);
        db.Devices.Add(device);
        await _audit.CommitAsync(db, new AuditRecord(now, tenantId, actor, "device.registered", device.Id), null, cancellationToken).ConfigureAwait(false);
        return (device, code);
    }

    /// <summary>
    /// Gives a registered device a new activation code, for a replaced or re-imaged scanner; the key it
    /// activated with keeps working until the new code is used. The device must be tracked by <paramref name="db"/>.
    /// </summary>
    public async Task<ActivationCode> ReissueActivationCodeAsync(PalmKeyDbContext db, Device device, string actor, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(device);
        var now = _clock.GetUtcNow();
        var code = StageActivationCode(device, now);
        await _audit.CommitAsync(db, new AuditRecord(now, device.TenantId, actor, "device.activation-code-issued", device.Id), null, cancellationToken).ConfigureAwait(false);
        return code;
    }

    private static ActivationCode StageActivationCode(Device device, DateTimeOffset now)
    {
        var token = SecretToken.Issue(SecretToken.ActivationKind);
        device.ActivationCodePrefix = token.Prefix;
        device.ActivationCodeHash = token.Hash;
        device.ActivationCodeExpiresAt = now + ActivationCodeLifetime;
        return new ActivationCode(token.Token, device.ActivationCodeExpiresAt.Value);
    }

    private static IssuedKey StageAdminKey(PalmKeyDbContext db, string tenantId, string name, DateTimeOffset now)
    {
        var token = SecretToken.Issue(SecretToken.AdminKind);
        var row = new ApiKey
        {
            Id = EntityIds.New("key"),
            TenantId = tenantId,
            Kind = ApiKeyKind.Admin,
            Prefix = token.Prefix,
            Hash = token.Hash,
            Name = name,
            CreatedAt = now,
        };
        db.ApiKeys.Add(row);
        return new IssuedKey(row.Id, row.Prefix, token.Token);
    }
}
