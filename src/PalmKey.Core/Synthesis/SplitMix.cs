namespace PalmKey.Synthesis;

/// <summary>
/// A small, fast pseudo-random generator (SplitMix64) whose sequence depends only on its seed, on
/// every platform and runtime version, which <see cref="Random"/> does not promise.
/// </summary>
internal struct SplitMix
{
    private ulong _state;

    public SplitMix(ulong seed)
    {
        _state = seed;
    }

    /// <summary>A seed that mixes several values, so that nearby inputs give unrelated sequences.</summary>
    public static ulong Seed(ulong a, ulong b, ulong c)
    {
        var mixer = new SplitMix(a);
        mixer._state ^= Mix(b + 0x632BE59BD9B4E019UL);
        mixer._state ^= Mix(c + 0x85157AF5UL);
        return mixer.NextUInt64();
    }

    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A uniform value in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform value in [low, high).</summary>
    public double Uniform(double low, double high) => low + ((high - low) * NextDouble());

    /// <summary>A normal value (Box-Muller; one of the pair is discarded to keep the state simple).</summary>
    public double Gaussian(double mean, double sigma)
    {
        var u = 1.0 - NextDouble();
        var v = NextDouble();
        return mean + (sigma * Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v));
    }

    /// <summary>A normal value clamped to mean +- limit.</summary>
    public double Gaussian(double mean, double sigma, double limit) => Math.Clamp(Gaussian(mean, sigma), mean - limit, mean + limit);

    /// <summary>
    /// A cheap, roughly normal value with mean 0 and variance 1 (the sum of four uniforms, rescaled),
    /// for pixel noise, where the exact tail does not matter.
    /// </summary>
    public float ApproximateGaussian()
    {
        var bits = NextUInt64();
        var sum = (bits & 0xFFFF) + ((bits >> 16) & 0xFFFF) + ((bits >> 32) & 0xFFFF) + (bits >> 48);
        return (float)((sum / 65536.0) - 2) * 1.7320508f;
    }

    public int Next(int exclusiveMax) => (int)((NextUInt64() >> 33) % (ulong)exclusiveMax);

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
