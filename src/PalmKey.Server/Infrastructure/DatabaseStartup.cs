using PalmKey.Storage;
using PalmKey.Storage.Audit;

namespace PalmKey.Server.Infrastructure;

/// <summary>
/// Runs before anything else starts: brings the database to the current schema and finishes any
/// tenant deletion that a previous process began.
/// </summary>
internal sealed partial class DatabaseStartup : IHostedService
{
    private readonly PalmKeyDbFactory _databases;
    private readonly AuditLog _audit;
    private readonly TimeProvider _clock;
    private readonly ILogger<DatabaseStartup> _logger;

    public DatabaseStartup(PalmKeyDbFactory databases, AuditLog audit, TimeProvider clock, ILogger<DatabaseStartup> logger)
    {
        _databases = databases;
        _audit = audit;
        _clock = clock;
        _logger = logger;
    }

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        await using var db = _databases.CreateSystem();
        await PalmKeyDatabase.MigrateAsync(db, cancellationToken).ConfigureAwait(false);
        var resumed = await TenantErasure.ResumeAsync(db, _audit, _clock.GetUtcNow(), cancellationToken).ConfigureAwait(false);
        if (resumed > 0)
        {
            LogResumed(_logger, resumed);
        }
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    [LoggerMessage(EventId = 300, Level = LogLevel.Information, Message = "Finished the deletion of {Count} tenants that an earlier run had started")]
    private static partial void LogResumed(ILogger logger, int count);
}
