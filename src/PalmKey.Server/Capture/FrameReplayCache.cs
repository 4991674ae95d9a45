using System.Collections.Concurrent;
using Microsoft.Extensions.Options;

namespace PalmKey.Server.Capture;

/// <summary>
/// SHA-256 hashes of identification frames seen within a window (an hour by default), never the frames:
/// the same bytes sent again are a replay, since a live camera never makes two identical frames. Bounded
/// in time, and in size by dropping expired hashes as it grows. In memory, per process. Thread-safe.
/// </summary>
internal sealed class FrameReplayCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private readonly TimeSpan _window;
    private long _adds;

    public FrameReplayCache(TimeProvider clock, IOptions<PalmKeyOptions> options)
    {
        _clock = clock;
        _window = options.Value.Identification.FrameReplayWindow;
    }

    /// <summary>Records a frame's hash; false where it was seen within the window.</summary>
    public bool TryRecord(string hash)
    {
        var now = _clock.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % 4096 == 0)
        {
            foreach (var (key, expires) in _seen)
            {
                if (expires < now)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        var expiry = now + _window;
        if (_seen.TryAdd(hash, expiry))
        {
            return true;
        }

        return _seen.TryGetValue(hash, out var existing) && existing < now && _seen.TryUpdate(hash, expiry, existing);
    }
}
