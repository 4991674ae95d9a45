using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PalmKey.Storage.Entities;

namespace PalmKey.Storage.Crypto;

/// <summary>
/// Unwraps tenants' data keys with the master key and keeps them in memory, one
/// <see cref="TenantKeys"/> per tenant. Thread-safe; one instance per process.
/// </summary>
public sealed class TenantKeyring
{
    private readonly MasterKey _master;
    private readonly ConcurrentDictionary<string, TenantKeys> _cache = new(StringComparer.Ordinal);

    /// <summary>Creates a keyring over the master key.</summary>
    /// <param name="master">The master key from configuration.</param>
    public TenantKeyring(MasterKey master)
    {
        ArgumentNullException.ThrowIfNull(master);
        _master = master;
    }

    /// <summary>The master key's fingerprint.</summary>
    public string MasterKeyId => _master.Id;

    /// <summary>
    /// The keys of a tenant, unwrapped on first use and then cached. The context's scope must see the
    /// tenant's rows.
    /// </summary>
    /// <param name="db">The unit of work.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="cancellationToken">Cancels the load.</param>
    /// <returns>The keys.</returns>
    /// <exception cref="DataKeyUnavailableException">The tenant has no keys (it was deleted, or never existed), or they were wrapped by another master key.</exception>
    public async Task<TenantKeys> GetAsync(PalmKeyDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (_cache.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        var rows = await db.DataKeys.AsNoTracking().Where(k => k.TenantId == tenantId).ToListAsync(cancellationToken).ConfigureAwait(false);
        var active = rows.SingleOrDefault(k => k.IsActive)
            ?? throw new DataKeyUnavailableException($"Tenant {tenantId} has no active data key.");
        var keys = new List<KeyValuePair<string, byte[]>>();
        foreach (var row in rows)
        {
            if (row.MasterKeyId != _master.Id)
            {
                throw new DataKeyUnavailableException(
                    $"Data key {row.Id} of tenant {tenantId} was wrapped by master key {row.MasterKeyId}, but the configured master key is {_master.Id}.");
            }

            try
            {
                keys.Add(new(row.Id, _master.Unwrap(row.WrappedKey, tenantId, row.Id)));
            }
            catch (CryptographicException e)
            {
                throw new DataKeyUnavailableException($"Data key {row.Id} of tenant {tenantId} cannot be unwrapped: {e.Message}", e);
            }
        }

        var loaded = new TenantKeys(tenantId, active.Id, keys);
        return _cache.GetOrAdd(tenantId, loaded);
    }

    /// <summary>
    /// Makes a new random data key for a tenant, wrapped under the master key, and adds it to the
    /// context as the active key (the caller saves). Any other key of the tenant tracked or stored stays
    /// readable; call <see cref="Forget"/> after saving.
    /// </summary>
    /// <param name="db">The unit of work.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="now">The creation time.</param>
    /// <returns>The new row.</returns>
    public TenantDataKey AddDataKey(PalmKeyDbContext db, string tenantId, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(db);
        var id = EntityIds.New("dk");
        var raw = RandomNumberGenerator.GetBytes(32);
        var row = new TenantDataKey
        {
            Id = id,
            TenantId = tenantId,
            WrappedKey = _master.Wrap(raw, tenantId, id),
            MasterKeyId = _master.Id,
            CreatedAt = now,
            IsActive = true,
        };
        CryptographicOperations.ZeroMemory(raw);
        db.DataKeys.Add(row);
        return row;
    }

    /// <summary>Drops a tenant's cached keys, after a rotation or when the tenant is shredded.</summary>
    /// <param name="tenantId">The tenant.</param>
    public void Forget(string tenantId) => _cache.TryRemove(tenantId, out _);
}
