using Microsoft.Extensions.Options;
using PalmKey.Server.Infrastructure;

namespace PalmKey.Server.Privacy;

/// <summary>
/// The retention purge (<see cref="RetentionPurger"/>), run every <c>PalmKey:Retention:Interval</c>
/// unless <c>PalmKey:Retention:Enabled</c> is false.
/// </summary>
internal sealed class RetentionWorker : PeriodicJob
{
    private readonly bool _enabled;

    public RetentionWorker(IServiceProvider services, IOptions<PalmKeyOptions> options)
        : base("retention purge", options.Value.Retention.Interval, (scope, ct) => scope.GetRequiredService<RetentionPurger>().RunAsync(ct), services)
    {
        _enabled = options.Value.Retention.Enabled;
    }

    protected override Task ExecuteAsync(CancellationToken stoppingToken) => _enabled ? base.ExecuteAsync(stoppingToken) : Task.CompletedTask;
}
