namespace ModelWatch.Benchmarks.Drift;

/// <summary>Seeded inputs for the drift benchmarks (SplitMix64 and Irwin–Hall normals, as the oracle recipes).</summary>
internal static class BenchmarkData
{
    public static double[] Normal(int n, double mean, ulong seed)
    {
        ulong state = seed;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            long s = 0;
            for (int t = 0; t < 12; t++)
            {
                s += (long)(Next(ref state) >> 32);
            }

            values[i] = (s * (1.0 / 4294967296.0)) - 6.0 + mean;
        }

        return values;
    }

    public static double[] Bernoulli(int n, double p, ulong seed)
    {
        ulong state = seed;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (Next(ref state) >> 11) * (1.0 / (1UL << 53)) < p ? 1 : 0;
        }

        return values;
    }

    public static double[] Uniform(int n, ulong seed)
    {
        ulong state = seed;
        var values = new double[n];
        for (int i = 0; i < n; i++)
        {
            values[i] = (Next(ref state) >> 11) * (1.0 / (1UL << 53));
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
