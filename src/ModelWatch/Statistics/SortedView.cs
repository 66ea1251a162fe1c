namespace ModelWatch.Statistics;

/// <summary>
/// The retained items of a <see cref="QuantileSketch"/> sorted by value with cumulative weights:
/// the sketch's estimated CDF as a step function. Built once per change of the sketch.
/// </summary>
internal sealed class SortedView
{
    private SortedView(double[] values, long[] cumulativeWeights)
    {
        Values = values;
        CumulativeWeights = cumulativeWeights;
    }

    /// <summary>Distinct retained values, ascending.</summary>
    public double[] Values { get; }

    /// <summary>CumulativeWeights[i] = estimated number of values ≤ Values[i].</summary>
    public long[] CumulativeWeights { get; }

    public long RetainedBytes => 48 + (long)Values.Length * (sizeof(double) + sizeof(long));

    public static SortedView Build(QuantileSketch sketch)
    {
        int n = sketch.RetainedCount;
        var values = new double[n];
        var weights = new long[n];
        int w = 0;
        for (int h = 0; h < sketch.LevelCount; h++)
        {
            var level = sketch.Level(h);
            level.CopyTo(values.AsSpan(w));
            weights.AsSpan(w, level.Length).Fill(1L << h);
            w += level.Length;
        }

        Array.Sort(values, weights);

        // Collapse equal values so the view is a proper step function.
        int d = -1;
        long cumulative = 0;
        for (int i = 0; i < n; i++)
        {
            cumulative += weights[i];
            if (d >= 0 && values[d] == values[i])
            {
                weights[d] = cumulative;
            }
            else
            {
                d++;
                values[d] = values[i];
                weights[d] = cumulative;
            }
        }

        Array.Resize(ref values, d + 1);
        Array.Resize(ref weights, d + 1);
        return new SortedView(values, weights);
    }

    /// <summary>Estimated number of values ≤ <paramref name="x"/>.</summary>
    public long Rank(double x)
    {
        int i = UpperBound(x) - 1;
        return i < 0 ? 0 : CumulativeWeights[i];
    }

    /// <summary>Index of the first value greater than <paramref name="x"/>.</summary>
    public int UpperBound(double x)
    {
        int lo = 0, hi = Values.Length;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (Values[mid] <= x)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    /// <summary>
    /// The smallest retained value whose estimated rank (number of values ≤ it) reaches q·n: the
    /// inverted-CDF definition, exact while the sketch has not compacted.
    /// </summary>
    public double Quantile(double q, long count)
    {
        double target = q * count;
        int lo = 0, hi = Values.Length - 1;
        while (lo < hi)
        {
            int mid = (lo + hi) >>> 1;
            if (CumulativeWeights[mid] >= target)
            {
                hi = mid;
            }
            else
            {
                lo = mid + 1;
            }
        }

        return Values[lo];
    }
}
