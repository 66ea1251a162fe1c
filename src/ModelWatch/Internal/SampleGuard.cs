namespace ModelWatch.Internal;

/// <summary>
/// Argument checks shared by every detector that takes raw samples: NaN values are excluded and
/// counted (never propagated into a statistic), and an empty remainder is an argument error.
/// </summary>
internal static class SampleGuard
{
    /// <summary>Copies the non-NaN values of <paramref name="sample"/> into a new array.</summary>
    /// <exception cref="ArgumentException">Nothing but NaN (or nothing at all) is left.</exception>
    public static double[] CopyWithoutNaN(ReadOnlySpan<double> sample, string paramName, out int nanCount)
    {
        int nan = 0;
        foreach (double v in sample)
        {
            if (double.IsNaN(v))
            {
                nan++;
            }
        }

        RequireValues(sample.Length, nan, paramName);
        var copy = new double[sample.Length - nan];
        if (nan == 0)
        {
            sample.CopyTo(copy);
        }
        else
        {
            int k = 0;
            foreach (double v in sample)
            {
                if (!double.IsNaN(v))
                {
                    copy[k++] = v;
                }
            }
        }

        nanCount = nan;
        return copy;
    }

    /// <summary>Throws unless a sample of <paramref name="length"/> values holds something besides its <paramref name="nanCount"/> NaN values.</summary>
    /// <exception cref="ArgumentException">Nothing but NaN (or nothing at all) is left.</exception>
    public static void RequireValues(int length, int nanCount, string paramName)
    {
        if (length - nanCount == 0)
        {
            throw new ArgumentException(length == 0 ? "The sample is empty." : $"The sample holds only NaN values ({nanCount}).", paramName);
        }
    }

    /// <summary>Throws when a count is negative; counts come from users' profiles and must be sane.</summary>
    public static void RequireNonNegative(ReadOnlySpan<long> counts, string paramName)
    {
        for (int i = 0; i < counts.Length; i++)
        {
            if (counts[i] < 0)
            {
                throw new ArgumentException($"Count {i} is negative ({counts[i]}).", paramName);
            }
        }
    }
}
