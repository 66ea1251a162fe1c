namespace ModelWatch.Benchmarks.Drift;

/// <summary>
/// Reproducible N(μ, 1) samples for the drift benchmarks: SplitMix64 (Steele, Lea and Flood 2014)
/// feeding the Box–Muller transform.
/// </summary>
internal static class SeededNormals
{
    public static double[] Create(ulong seed, int count, double mean)
    {
        var values = new double[count];
        ulong state = seed;
        for (int i = 0; i < count; i++)
        {
            double u1 = ((Next(ref state) >> 11) + 1) * (1.0 / (1UL << 53)); // (0, 1]
            double u2 = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
            values[i] = mean + Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
        }

        return values;
    }

    private static ulong Next(ref ulong state)
    {
        unchecked
        {
            state += 0x9E3779B97F4A7C15UL;
            ulong z = state;
            z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
            z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
            return z ^ (z >> 31);
        }
    }
}
