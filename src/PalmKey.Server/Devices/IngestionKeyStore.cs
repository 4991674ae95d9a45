using System.Collections.Concurrent;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PalmKey.Storage;
using PalmKey.Storage.Crypto;
using PalmKey.Storage.Entities;

namespace PalmKey.Server.Devices;

/// <summary>
/// Each tenant's ingestion key pair, made on first use: the public half is given to the tenant's
/// devices, the private half is stored wrapped by the master key and unwrapped into memory when a
/// sealed body is opened. Thread-safe; one instance per process.
/// </summary>
internal sealed class IngestionKeyStore
{
    private readonly MasterKey _master;
    private readonly TimeProvider _clock;
    private readonly ConcurrentDictionary<string, Loaded> _cache = new(StringComparer.Ordinal);

    public IngestionKeyStore(MasterKey master, TimeProvider clock)
    {
        _master = master;
        _clock = clock;
    }

    /// <summary>The tenant's key id and public key, making the pair where the tenant has none.</summary>
    public async Task<(string KeyId, byte[] PublicKey)> GetPublicAsync(PalmKeyDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(db, tenantId, create: true, cancellationToken).ConfigureAwait(false);
        return (loaded!.KeyId, loaded.PublicKey);
    }

    /// <summary>The tenant's private key for opening bodies sealed to the key id, or null where the id is not the tenant's key.</summary>
    public async Task<ECDiffieHellman?> GetPrivateAsync(PalmKeyDbContext db, string tenantId, string keyId, CancellationToken cancellationToken)
    {
        var loaded = await LoadAsync(db, tenantId, create: false, cancellationToken).ConfigureAwait(false);
        return loaded is not null && loaded.KeyId == keyId ? loaded.PrivateKey : null;
    }

    /// <summary>
    /// Drops a deleted tenant's unwrapped private key from the cache; its row went with the tenant. Not
    /// disposed here, since a request in flight may still hold it.
    /// </summary>
    public void Forget(string tenantId) => _cache.TryRemove(tenantId, out _);

    private async Task<Loaded?> LoadAsync(PalmKeyDbContext db, string tenantId, bool create, CancellationToken cancellationToken)
    {
        if (_cache.TryGetValue(tenantId, out var cached))
        {
            return cached;
        }

        var row = await db.IngestionKeys.AsNoTracking().FirstOrDefaultAsync(k => k.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
        if (row is null && create)
        {
            row = await CreateAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
        }

        if (row is null)
        {
            return null;
        }

        if (row.MasterKeyId != _master.Id)
        {
            throw new DataKeyUnavailableException($"Ingestion key {row.Id} of tenant {tenantId} was wrapped by master key {row.MasterKeyId}, but the configured master key is {_master.Id}.");
        }

        var scalar = _master.Unwrap(row.WrappedPrivateKey, tenantId, row.Id);
        var key = ECDiffieHellman.Create();
        key.ImportSubjectPublicKeyInfo(row.PublicKey, out _);
        var parameters = key.ExportParameters(false);
        parameters.D = scalar;
        key.ImportParameters(parameters);
        CryptographicOperations.ZeroMemory(scalar);
        var loaded = new Loaded(row.Id, row.PublicKey, key);
        return _cache.GetOrAdd(tenantId, loaded);
    }

    private async Task<IngestionKey> CreateAsync(PalmKeyDbContext db, string tenantId, CancellationToken cancellationToken)
    {
        using var pair = ECDiffieHellman.Create(ECCurve.NamedCurves.nistP256);
        var parameters = pair.ExportParameters(true);
        var id = EntityIds.New("ik");
        var row = new IngestionKey
        {
            Id = id,
            TenantId = tenantId,
            PublicKey = pair.ExportSubjectPublicKeyInfo(),
            WrappedPrivateKey = _master.Wrap(parameters.D, tenantId, id),
            MasterKeyId = _master.Id,
            CreatedAt = _clock.GetUtcNow(),
        };
        CryptographicOperations.ZeroMemory(parameters.D);
        db.IngestionKeys.Add(row);
        try
        {
            await db.SaveChangesAsync(cancellationToken).ConfigureAwait(false);
            return row;
        }
        catch (DbUpdateException)
        {
            // Another request made the tenant's key first; use that one.
            db.ChangeTracker.Clear();
            return await db.IngestionKeys.AsNoTracking().SingleAsync(k => k.TenantId == tenantId, cancellationToken).ConfigureAwait(false);
        }
    }

    private sealed record Loaded(string KeyId, byte[] PublicKey, ECDiffieHellman PrivateKey);
}
