using Microsoft.Extensions.Options;
using PalmKey.Server.Index;

namespace PalmKey.Server.Privacy;

/// <summary>
/// Runs the retention purge once the index is loaded, then at every interval, on the injected clock
/// (tests drive it with a fake one). A failed run is logged and retried at the next interval.
/// </summary>
internal sealed partial class RetentionWorker : BackgroundService
{
    private readonly IServiceProvider _services;
    private readonly PalmIndexRegistry _indexes;
    private readonly TimeProvider _clock;
    private readonly PalmKeyOptions.RetentionSettings _settings;
    private readonly ILogger<RetentionWorker> _logger;
    private int _runs;

    public RetentionWorker(IServiceProvider services, PalmIndexRegistry indexes, TimeProvider clock, IOptions<PalmKeyOptions> options, ILogger<RetentionWorker> logger)
    {
        _services = services;
        _indexes = indexes;
        _clock = clock;
        _settings = options.Value.Retention;
        _logger = logger;
    }

    /// <summary>Runs completed since start; tests wait on it.</summary>
    public int Runs => Volatile.Read(ref _runs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!_settings.Enabled)
        {
            return;
        }

        while (!_indexes.IsLoaded)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken).ConfigureAwait(false);
        }

        using var timer = new PeriodicTimer(_settings.Interval, _clock);
        do
        {
            try
            {
                var scope = _services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await scope.ServiceProvider.GetRequiredService<RetentionPurger>().RunAsync(stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, e);
            }

            Interlocked.Increment(ref _runs);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 601, Level = LogLevel.Error, Message = "The retention purge failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
