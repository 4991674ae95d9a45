using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace PalmKey.Server.Tests;

/// <summary>Keeps every log line the server writes, with its exception, so tests can check what is never logged.</summary>
internal sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyCollection<string> Lines => _lines;

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    private sealed class Logger : ILogger
    {
        private readonly CapturedLogs _owner;
        private readonly string _category;

        public Logger(CapturedLogs owner, string category)
        {
            _owner = owner;
            _category = category;
        }

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            _owner._lines.Enqueue($"{logLevel} {_category}: {formatter(state, exception)} {exception} {state}");
        }
    }
}
