namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// The per-component threshold of the share-of-drifted-components method at the sizes actually
/// compared. Evidently's fixed 0.1 suits large samples only: the normalized Wasserstein distance
/// of two samples of one distribution shrinks like √(1/m + 1/n), and at 200 rows a side it is
/// itself about 0.1, so every component "drifts". Here each component's threshold is the larger of
/// 0.1 and the 95th percentile of its distance under random splits of the pooled values (a
/// permutation null at these sizes); large samples keep Evidently's rule unchanged.
/// </summary>
internal static class ComponentNullThresholds
{
    /// <summary>Evidently's per-component threshold, the floor of the sample-size-aware one.</summary>
    public const double EvidentlyThreshold = 0.1;

    /// <summary>
    /// One threshold per component: max(0.1, the <paramref name="quantile"/> of the normalized
    /// Wasserstein distance over <paramref name="permutations"/> seeded random splits of the pooled
    /// values into <paramref name="referenceRows"/> and <paramref name="currentRows"/>).
    /// </summary>
    /// <remarks>
    /// The pooled values are sorted once per component; each split is then scored in one pass over
    /// the sorted values (the area between the two empirical CDFs), so a component costs
    /// O(N log N + permutations · N) with N = m + n.
    /// </remarks>
    public static double[] Compute(
        ReadOnlySpan<float> reference, int referenceRows, ReadOnlySpan<float> current, int currentRows, int dimension,
        int permutations, double quantile, int seed)
    {
        int total = referenceRows + currentRows;
        var thresholds = new double[dimension];
        var pooled = new double[total];
        var inReference = new bool[total];
        var nulls = new double[permutations];
        var random = new Random(seed);
        for (int d = 0; d < dimension; d++)
        {
            for (int i = 0; i < referenceRows; i++)
            {
                pooled[i] = reference[(i * dimension) + d];
            }

            for (int j = 0; j < currentRows; j++)
            {
                pooled[referenceRows + j] = current[(j * dimension) + d];
            }

            Array.Sort(pooled);
            for (int p = 0; p < permutations; p++)
            {
                RandomSplit(random, inReference, referenceRows);
                nulls[p] = SplitDistance(pooled, inReference, referenceRows, currentRows);
            }

            Array.Sort(nulls);
            thresholds[d] = Math.Max(EvidentlyThreshold, UpperQuantile(nulls, quantile));
        }

        return thresholds;
    }

    /// <summary>The share of components whose normalized distance exceeds its threshold.</summary>
    public static double DriftedShare(ReadOnlySpan<double> distances, ReadOnlySpan<double> thresholds)
    {
        int drifted = 0;
        for (int d = 0; d < distances.Length; d++)
        {
            drifted += distances[d] > thresholds[d] ? 1 : 0;
        }

        return distances.Length == 0 ? 0 : (double)drifted / distances.Length;
    }

    /// <summary>The smallest sorted value with at least <paramref name="quantile"/> of the values at or below it (an order statistic, no interpolation).</summary>
    internal static double UpperQuantile(double[] sorted, double quantile)
    {
        int index = (int)Math.Ceiling(quantile * sorted.Length) - 1;
        return sorted[Math.Clamp(index, 0, sorted.Length - 1)];
    }

    // A uniformly random subset of `count` positions marked true (a partial Fisher–Yates over the flags).
    private static void RandomSplit(Random random, bool[] flags, int count)
    {
        Array.Clear(flags);
        for (int i = 0; i < count; i++)
        {
            flags[i] = true;
        }

        for (int i = flags.Length - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (flags[i], flags[j]) = (flags[j], flags[i]);
        }
    }

    // W1(u, v) / std(u) for the split of the sorted pooled values: the area between the CDFs,
    // accumulated over the gaps between consecutive pooled values.
    private static double SplitDistance(double[] sorted, bool[] inReference, int m, int n)
    {
        int seenU = 0, seenV = 0;
        double area = 0, sum = 0, sumSquares = 0;
        for (int k = 0; k < sorted.Length; k++)
        {
            double x = sorted[k];
            if (inReference[k])
            {
                seenU++;
                sum += x;
                sumSquares += x * x;
            }
            else
            {
                seenV++;
            }

            if (k + 1 < sorted.Length)
            {
                area += Math.Abs(((double)seenU / m) - ((double)seenV / n)) * (sorted[k + 1] - x);
            }
        }

        double mean = sum / m;
        double variance = Math.Max(0, (sumSquares / m) - (mean * mean));
        double std = Math.Sqrt(variance);
        return std > 0 ? area / std : (area > 0 ? double.PositiveInfinity : 0);
    }
}
