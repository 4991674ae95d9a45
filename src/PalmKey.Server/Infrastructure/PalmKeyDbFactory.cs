using Microsoft.EntityFrameworkCore;
using PalmKey.Storage;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Makes database contexts outside the request's own: in the system scope for work that spans tenants
/// (authentication look-ups, start-up, the retention job), or in a given scope for a second unit of
/// work beside the request's. Thread-safe.
/// </summary>
internal sealed class PalmKeyDbFactory
{
    private readonly DbContextOptions<PalmKeyDbContext> _options;

    public PalmKeyDbFactory(DbContextOptions<PalmKeyDbContext> options)
    {
        _options = options;
    }

    public PalmKeyDbContext Create(TenantScope scope) => new(_options, scope);

    public PalmKeyDbContext CreateSystem()
    {
        var scope = new TenantScope();
        scope.EnterSystem();
        return new PalmKeyDbContext(_options, scope);
    }

    public PalmKeyDbContext CreateForTenant(string tenantId)
    {
        var scope = new TenantScope();
        scope.EnterTenant(tenantId);
        return new PalmKeyDbContext(_options, scope);
    }
}
