namespace ModelWatch.Benchmarks;

/// <summary>Seeded benchmark inputs (SplitMix64; Irwin–Hall sums for roughly normal values).</summary>
internal static class Data
{
    public static double[] Normal(ulong seed, int count, double mean = 0, double sd = 1)
    {
        ulong state = seed;
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            long s = 0;
            for (int t = 0; t < 12; t++)
            {
                s += (long)(Next(ref state) >> 32);
            }

            values[i] = mean + sd * (s * (1.0 / 4294967296.0) - 6.0);
        }

        return values;
    }

    public static ulong Next(ref ulong state)
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
