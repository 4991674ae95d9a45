using System.Diagnostics;

namespace PalmKey.Cli.Evaluation;

/// <summary>
/// Shows the progress of long phases on a text writer (standard error): an updating line on a
/// terminal, a line every ten seconds otherwise. Thread-safe.
/// </summary>
internal sealed class ProgressReporter
{
    private readonly TextWriter _writer;
    private readonly bool _interactive;
    private readonly Lock _lock = new();

    public ProgressReporter(TextWriter writer, bool interactive)
    {
        _writer = writer;
        _interactive = interactive;
    }

    public static ProgressReporter Silent { get; } = new(TextWriter.Null, interactive: false);

    public Phase Start(string name, int total) => new(this, name, total);

    internal sealed class Phase : IDisposable
    {
        private readonly ProgressReporter _owner;
        private readonly string _name;
        private readonly int _total;
        private readonly long _start = Stopwatch.GetTimestamp();
        private long _lastShown;

        public Phase(ProgressReporter owner, string name, int total)
        {
            _owner = owner;
            _name = name;
            _total = total;
            _lastShown = _start;
        }

        public void Report(int done)
        {
            var now = Stopwatch.GetTimestamp();
            var interval = _owner._interactive ? 0.5 : 10;
            if (Stopwatch.GetElapsedTime(_lastShown, now).TotalSeconds < interval)
            {
                return;
            }

            lock (_owner._lock)
            {
                if (Stopwatch.GetElapsedTime(_lastShown, now).TotalSeconds < interval)
                {
                    return;
                }

                _lastShown = now;
                var elapsed = Stopwatch.GetElapsedTime(_start, now).TotalSeconds;
                var left = done == 0 ? 0 : elapsed * (_total - done) / done;
                var line = $"{_name} {done}/{_total} ({100.0 * done / _total:F0}%), {elapsed:F0} s, about {left:F0} s left";
                _owner._writer.Write(_owner._interactive ? $"\r{line}   " : line + Environment.NewLine);
            }
        }

        public void Dispose()
        {
            lock (_owner._lock)
            {
                var line = $"{_name} {_total}/{_total} done in {Stopwatch.GetElapsedTime(_start).TotalSeconds:F1} s";
                _owner._writer.Write(_owner._interactive ? $"\r{line}                    {Environment.NewLine}" : line + Environment.NewLine);
            }
        }
    }
}
