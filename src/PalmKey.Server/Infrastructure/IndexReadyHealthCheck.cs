using Microsoft.Extensions.Diagnostics.HealthChecks;
using PalmKey.Server.Index;

namespace PalmKey.Server.Infrastructure;

/// <summary>Ready once every tenant's palm index is loaded from storage.</summary>
internal sealed class IndexReadyHealthCheck : IHealthCheck
{
    private readonly PalmIndexRegistry _indexes;

    public IndexReadyHealthCheck(PalmIndexRegistry indexes)
    {
        _indexes = indexes;
    }

    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
        Task.FromResult(_indexes.IsLoaded ? HealthCheckResult.Healthy("The palm indexes are loaded.") : HealthCheckResult.Unhealthy("The palm indexes are loading."));
}
