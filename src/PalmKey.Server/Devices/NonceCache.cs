using System.Collections.Concurrent;

namespace PalmKey.Server.Devices;

/// <summary>
/// The nonces of signed requests seen within the clock-skew window, per device. A request whose
/// timestamp is outside the window is refused anyway, so a nonce is kept only until its timestamp
/// leaves the window. In memory, one instance per process: a server farm needs a shared store (or
/// sticky routing of devices), which docs/protocol.md notes. Thread-safe.
/// </summary>
internal sealed class NonceCache
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _seen = new(StringComparer.Ordinal);
    private readonly TimeProvider _clock;
    private long _adds;

    public NonceCache(TimeProvider clock)
    {
        _clock = clock;
    }

    /// <summary>Records a nonce; false where the device already used it within the window.</summary>
    public bool TryUse(string deviceId, string nonce, DateTimeOffset timestamp)
    {
        var now = _clock.GetUtcNow();
        if (Interlocked.Increment(ref _adds) % 1024 == 0)
        {
            foreach (var (key, expires) in _seen)
            {
                if (expires < now)
                {
                    _seen.TryRemove(key, out _);
                }
            }
        }

        var expiry = timestamp + DeviceProtocol.ClockSkew + TimeSpan.FromSeconds(1);
        var key2 = string.Concat(deviceId, "\0", nonce);
        if (_seen.TryAdd(key2, expiry))
        {
            return true;
        }

        // A remembered nonce whose window has passed may be used again; its request was refused on time anyway.
        if (_seen.TryGetValue(key2, out var existing) && existing < now && _seen.TryUpdate(key2, expiry, existing))
        {
            return true;
        }

        return false;
    }
}
