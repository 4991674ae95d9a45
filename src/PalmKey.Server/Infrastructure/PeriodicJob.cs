namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Runs a job in its own service scope once the palm indexes are loaded, then at every interval on the
/// injected clock (tests drive it with a fake one, or turn it off and run the job themselves). A failed
/// run is logged and the job runs again at the next interval. The retention, settlement and webhook
/// jobs are each one of these.
/// </summary>
internal partial class PeriodicJob : BackgroundService
{
    private readonly string _name;
    private readonly TimeSpan _interval;
    private readonly Func<IServiceProvider, CancellationToken, Task> _run;
    private readonly IServiceProvider _services;
    private readonly TimeProvider _clock;
    private readonly ILogger<PeriodicJob> _logger;
    private int _runs;

    public PeriodicJob(string name, TimeSpan interval, Func<IServiceProvider, CancellationToken, Task> run, IServiceProvider services)
    {
        _name = name;
        _interval = interval;
        _run = run;
        _services = services;
        _clock = services.GetRequiredService<TimeProvider>();
        _logger = services.GetRequiredService<ILogger<PeriodicJob>>();
    }

    /// <summary>Runs completed (or failed) since start; tests wait on it.</summary>
    public int Runs => Volatile.Read(ref _runs);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var indexes = _services.GetRequiredService<Index.PalmIndexRegistry>();
        while (!indexes.IsLoaded)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(50), stoppingToken).ConfigureAwait(false);
        }

        using var timer = new PeriodicTimer(_interval, _clock);
        do
        {
            try
            {
                var scope = _services.CreateAsyncScope();
                await using (scope.ConfigureAwait(false))
                {
                    await _run(scope.ServiceProvider, stoppingToken).ConfigureAwait(false);
                }
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogFailed(_logger, _name, e);
            }

            Interlocked.Increment(ref _runs);
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false));
    }

    [LoggerMessage(EventId = 602, Level = LogLevel.Error, Message = "The {Job} job failed; it runs again at the next interval")]
    private static partial void LogFailed(ILogger logger, string job, Exception exception);
}
