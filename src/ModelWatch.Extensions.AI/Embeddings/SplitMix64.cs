namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// A seeded 64-bit generator (Steele, Lea and Flood's SplitMix64): a value type, so the logging
/// path draws from it without allocating, and the same seed gives the same draws on every platform
/// and .NET version (unlike <see cref="Random"/>'s unseeded algorithm).
/// </summary>
internal struct SplitMix64(ulong seed)
{
    private ulong _state = seed;

    public ulong Next()
    {
        ulong z = _state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A uniform double in [0, 1) from the top 53 bits.</summary>
    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A uniform integer in [0, <paramref name="bound"/>) (Lemire's multiply-shift; the bias is below 2⁻³² for the bounds used here).</summary>
    public long NextBelow(long bound) => (long)Math.BigMul(Next(), (ulong)bound, out _);

    /// <summary>A standard normal draw (Box–Muller).</summary>
    public double NextGaussian() => Math.Sqrt(-2 * Math.Log(1 - NextDouble())) * Math.Cos(2 * Math.PI * NextDouble());
}
