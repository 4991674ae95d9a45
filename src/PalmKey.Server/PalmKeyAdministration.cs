using Microsoft.EntityFrameworkCore;
using PalmKey.Server.Index;
using PalmKey.Server.Infrastructure;
using PalmKey.Server.Tenancy;
using PalmKey.Storage;

namespace PalmKey.Server;

/// <summary>
/// Console-side operations on a built server, for the <c>palmkey</c> command: migrate, seed the demo
/// tenant, add an admin key, wait until ready. Each call opens its own unit of work; all are safe to
/// call while the server runs.
/// </summary>
public static class PalmKeyAdministration
{
    /// <summary>The name of the demo tenant.</summary>
    public const string DemoName = "Demo Store";

    /// <summary>Brings the database to the current schema.</summary>
    /// <param name="services">The built application's services.</param>
    /// <param name="cancellationToken">Cancels the migration.</param>
    /// <returns>A task.</returns>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        await using var db = Factory(services).CreateSystem();
        await PalmKeyDatabase.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Makes the demo tenant, with a site, a device, an admin key and the device's activation code, when the database
    /// has no tenant yet; otherwise returns the first tenant without keys (they were shown when made).
    /// </summary>
    /// <param name="services">The built application's services, on a migrated database.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The demo tenant.</returns>
    public static async Task<DemoTenant> SeedDemoTenantAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = Factory(services).CreateSystem();
        var existing = await db.Tenants.AsNoTracking().Where(t => t.DeletionStartedAt == null).OrderBy(t => t.CreatedAt).FirstOrDefaultAsync(cancellationToken).ConfigureAwait(false);
        if (existing is not null)
        {
            return new DemoTenant(existing.Id, existing.Name, null, null, null, null);
        }

        var provisioning = services.GetRequiredService<TenantProvisioning>();
        var (tenant, adminKey) = await provisioning.CreateTenantAsync(db, DemoName, "system", cancellationToken).ConfigureAwait(false);
        var site = await provisioning.AddSiteAsync(db, tenant.Id, "Main Street", "system", cancellationToken).ConfigureAwait(false);
        var (device, activation) = await provisioning.AddDeviceAsync(db, tenant.Id, site.Id, "Demo scanner", "system", cancellationToken).ConfigureAwait(false);
        return new DemoTenant(tenant.Id, tenant.Name, site.Id, device.Id, adminKey.Key, activation.Code);
    }

    /// <summary>Adds an admin key to a tenant and returns it; it is shown once and stored as a hash.</summary>
    /// <param name="services">The built application's services.</param>
    /// <param name="tenantId">The tenant.</param>
    /// <param name="name">A label for the key.</param>
    /// <param name="cancellationToken">Cancels the work.</param>
    /// <returns>The new key.</returns>
    /// <exception cref="InvalidOperationException">The tenant does not exist.</exception>
    public static async Task<string> AddAdminKeyAsync(IServiceProvider services, string tenantId, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        await using var db = Factory(services).CreateSystem();
        if (!await db.Tenants.AnyAsync(t => t.Id == tenantId && t.DeletionStartedAt == null, cancellationToken).ConfigureAwait(false))
        {
            throw new InvalidOperationException($"There is no tenant {tenantId} in this database.");
        }

        var key = await services.GetRequiredService<TenantProvisioning>().AddAdminKeyAsync(db, tenantId, name, "system", cancellationToken).ConfigureAwait(false);
        return key.Key;
    }

    /// <summary>Waits until every tenant's palm index is loaded, as <c>/health/ready</c> reports.</summary>
    /// <param name="services">The running application's services.</param>
    /// <param name="cancellationToken">Cancels the wait.</param>
    /// <returns>A task.</returns>
    public static async Task WaitUntilReadyAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var indexes = services.GetRequiredService<PalmIndexRegistry>();
        while (!indexes.IsLoaded)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(20), cancellationToken).ConfigureAwait(false);
        }
    }

    private static PalmKeyDbFactory Factory(IServiceProvider services) => services.GetRequiredService<PalmKeyDbFactory>();
}
