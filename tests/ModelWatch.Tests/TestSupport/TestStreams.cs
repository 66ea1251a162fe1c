namespace ModelWatch.Tests.TestSupport;

/// <summary>Seeded test data: the same seed always gives the same values.</summary>
internal static class TestStreams
{
    public static double[] Normal(ulong seed, int count, double mean = 0, double sd = 1)
    {
        var rng = new SplitMix64(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = mean + sd * rng.NextNormal();
        }

        return values;
    }

    public static double[] Uniform(ulong seed, int count, double low = 0, double high = 1)
    {
        var rng = new SplitMix64(seed);
        var values = new double[count];
        for (int i = 0; i < count; i++)
        {
            values[i] = low + (high - low) * rng.NextUniform();
        }

        return values;
    }
}
