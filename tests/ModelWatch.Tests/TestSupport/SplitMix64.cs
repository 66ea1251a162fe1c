namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// SplitMix64 (Steele, Lea and Flood 2014), exactly as the oracle recipes define it
/// (Oracles/README.md §2): wrapping 64-bit arithmetic, no floating point.
/// </summary>
internal struct SplitMix64
{
    private ulong _state;

    public SplitMix64(ulong seed) => _state = seed;

    public ulong Next()
    {
        unchecked
        {
            _state += 0x9E3779B97F4A7C15UL;
            ulong z = _state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextUniform() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A roughly N(0, 1) value: Irwin–Hall of 12 uniforms minus 6, bounded to [-6, 6].</summary>
    public double NextNormal()
    {
        long s = 0;
        for (int t = 0; t < 12; t++)
        {
            s += (long)(Next() >> 32);
        }

        return s * (1.0 / 4294967296.0) - 6.0;
    }
}
