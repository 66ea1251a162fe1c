namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// The permutation p-value of MMD²ᵤ (Gretton et al. 2012, section 5): how often does a random
/// split of the pooled rows into sides of the same sizes give an MMD² at least as large as the
/// observed one? The kernel matrix (and its bandwidth) is computed once and reused by every split,
/// as the bandwidth is a function of the pooled rows only.
/// </summary>
internal static class MmdPermutationTest
{
    /// <summary>The observed MMD²ᵤ, σ and the p-value (1 + #{split ≥ observed}) / (1 + permutations), never 0.</summary>
    public static (double Mmd2, double Sigma, double PValue) Run(
        ReadOnlySpan<float> x, int m, ReadOnlySpan<float> y, int n, int dimension, int permutations, int seed)
    {
        int total = m + n;
        var kernel = EmbeddingDriftMethods.RbfKernel(x, m, y, n, dimension, out double sigma);
        double observed = EmbeddingDriftMethods.Mmd2(kernel, total, m);

        // Split sums: with T the sum over all pairs, a split's cross sum is T − XX − YY, so only the
        // within-side pairs are visited (half the matrix).
        double all = 0;
        for (int i = 0; i < total; i++)
        {
            for (int j = i + 1; j < total; j++)
            {
                all += kernel[(i * total) + j];
            }
        }

        var order = new int[total];
        for (int i = 0; i < total; i++)
        {
            order[i] = i;
        }

        var random = new Random(seed);
        int atLeast = 0;
        for (int p = 0; p < permutations; p++)
        {
            random.Shuffle(order);
            double xx = WithinSum(kernel, total, order.AsSpan(0, m));
            double yy = WithinSum(kernel, total, order.AsSpan(m));
            double xy = all - xx - yy;
            double mmd2 = (2 * xx / ((double)m * (m - 1))) + (2 * yy / ((double)n * (n - 1))) - (2 * xy / ((double)m * n));
            atLeast += mmd2 >= observed ? 1 : 0;
        }

        return (observed, sigma, (1.0 + atLeast) / (1.0 + permutations));
    }

    private static double WithinSum(double[] kernel, int total, ReadOnlySpan<int> rows)
    {
        double sum = 0;
        for (int a = 0; a < rows.Length; a++)
        {
            int offset = rows[a] * total;
            for (int b = a + 1; b < rows.Length; b++)
            {
                sum += kernel[offset + rows[b]];
            }
        }

        return sum;
    }
}
