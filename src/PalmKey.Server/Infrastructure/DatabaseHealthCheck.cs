using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace PalmKey.Server.Infrastructure;

/// <summary>Ready while the database answers.</summary>
internal sealed class DatabaseHealthCheck : IHealthCheck
{
    private readonly PalmKeyDbFactory _databases;

    public DatabaseHealthCheck(PalmKeyDbFactory databases)
    {
        _databases = databases;
    }

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        await using var db = _databases.CreateSystem();
        return await db.Database.CanConnectAsync(cancellationToken).ConfigureAwait(false)
            ? HealthCheckResult.Healthy("The database answers.")
            : HealthCheckResult.Unhealthy("The database does not answer.");
    }
}
