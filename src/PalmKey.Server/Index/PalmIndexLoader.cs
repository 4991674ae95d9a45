using System.Diagnostics;
using System.Security.Cryptography;
using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Infrastructure;
using PalmKey.Storage.Crypto;

namespace PalmKey.Server.Index;

/// <summary>
/// Fills every tenant's index from storage at start-up, decrypting the templates in memory; the
/// readiness check reports ready only after it finishes. A palm whose templates this engine cannot use
/// (another algorithm version, or damage) is left out and logged by id: that customer must enroll again.
/// </summary>
internal sealed partial class PalmIndexLoader : BackgroundService
{
    private const int BatchSize = 2000;
    private readonly PalmKeyDbFactory _databases;
    private readonly TenantKeyring _keyring;
    private readonly PalmIndexRegistry _registry;
    private readonly ILogger<PalmIndexLoader> _logger;

    public PalmIndexLoader(PalmKeyDbFactory databases, TenantKeyring keyring, PalmIndexRegistry registry, ILogger<PalmIndexLoader> logger)
    {
        _databases = databases;
        _keyring = keyring;
        _registry = registry;
        _logger = logger;
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var watch = Stopwatch.StartNew();
        List<string> tenants;
        await using (var db = _databases.CreateSystem())
        {
            tenants = await db.Tenants.Where(t => t.DeletionStartedAt == null).Select(t => t.Id).ToListAsync(stoppingToken).ConfigureAwait(false);
        }

        var palms = 0;
        foreach (var tenantId in tenants)
        {
            try
            {
                palms += await LoadTenantAsync(tenantId, stoppingToken).ConfigureAwait(false);
            }
            catch (DataKeyUnavailableException e)
            {
                // Serving without a tenant's palms would turn its customers away one by one; stop instead.
                LogKeysUnavailable(_logger, tenantId, e.Message);
                throw;
            }
        }

        _registry.MarkLoaded();
        LogLoaded(_logger, palms, tenants.Count, watch.ElapsedMilliseconds);
    }

    private async Task<int> LoadTenantAsync(string tenantId, CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateForTenant(tenantId);
        var keys = await _keyring.GetAsync(db, tenantId, cancellationToken).ConfigureAwait(false);
        var index = _registry.For(tenantId);
        var loaded = 0;
        string? after = null;
        while (true)
        {
            var rows = await db.Palms.AsNoTracking()
                .Where(p => after == null || string.Compare(p.Id, after) > 0)
                .OrderBy(p => p.Id)
                .Take(BatchSize)
                .ToListAsync(cancellationToken).ConfigureAwait(false);
            if (rows.Count == 0)
            {
                return loaded;
            }

            var batch = new List<IndexedPalm>(rows.Count);
            foreach (var row in rows)
            {
                try
                {
                    var packed = keys.Decrypt(row.TemplatesCipher, row.Id, FieldContext.PalmTemplates);
                    batch.Add(new IndexedPalm(row.Id, row.CustomerId, TemplatePacking.Unpack(packed, row.CaptureCount)));
                }
                catch (Exception e) when (e is TemplateFormatException or CryptographicException)
                {
                    LogUnusablePalm(_logger, row.Id, tenantId, e.Message);
                }
            }

            index.Add(batch);
            loaded += batch.Count;
            after = rows[^1].Id;
        }
    }

    [LoggerMessage(EventId = 200, Level = LogLevel.Information, Message = "Loaded {Palms} palms of {Tenants} tenants into the index in {Milliseconds} ms")]
    private static partial void LogLoaded(ILogger logger, int palms, int tenants, long milliseconds);

    [LoggerMessage(EventId = 202, Level = LogLevel.Critical, Message = "Cannot load the palms of tenant {TenantId}, so the server stops: {Reason} Check PalmKey:MasterKey.")]
    private static partial void LogKeysUnavailable(ILogger logger, string tenantId, string reason);

    [LoggerMessage(EventId = 201, Level = LogLevel.Warning, Message = "Palm {PalmId} of tenant {TenantId} cannot be used and was left out of the index: {Reason}")]
    private static partial void LogUnusablePalm(ILogger logger, string palmId, string tenantId, string reason);
}
