namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// The four embedding drift methods Evidently offers, computed on rows of equal dimension
/// (row-major, <c>rows × dimension</c>). Each is checked against NumPy, SciPy and scikit-learn
/// (tests/ModelWatch.Extensions.AI.Tests/Oracles/embedding_drift.py).
/// </summary>
/// <remarks>Not on the logging path: the evaluator calls these on bounded samples (at most 1,000 rows a side by default).</remarks>
internal static class EmbeddingDriftMethods
{
    /// <summary>
    /// Per component, the Wasserstein-1 distance between the reference's and the current values
    /// divided by the reference's standard deviation (population, ddof 0; SciPy
    /// <c>wasserstein_distance(u, v) / np.std(u)</c>); a component whose reference is constant
    /// counts as drifted when the current values differ from that constant. Returns the distances.
    /// </summary>
    public static double[] NormalizedWasserstein(ReadOnlySpan<float> reference, int referenceRows, ReadOnlySpan<float> current, int currentRows, int dimension)
    {
        var result = new double[dimension];
        var u = new double[referenceRows];
        var v = new double[currentRows];
        for (int d = 0; d < dimension; d++)
        {
            for (int i = 0; i < referenceRows; i++)
            {
                u[i] = reference[(i * dimension) + d];
            }

            for (int j = 0; j < currentRows; j++)
            {
                v[j] = current[(j * dimension) + d];
            }

            double std = StandardDeviation(u);
            double w = Wasserstein1(u, v);
            result[d] = std > 0 ? w / std : (w > 0 ? double.PositiveInfinity : 0);
        }

        return result;
    }

    /// <summary>Wasserstein-1 distance of two samples: the area between their empirical CDFs (SciPy <c>wasserstein_distance</c>). Sorts both arrays in place.</summary>
    public static double Wasserstein1(double[] u, double[] v)
    {
        Array.Sort(u);
        Array.Sort(v);
        int i = 0, j = 0;
        double previous = Math.Min(u[0], v[0]);
        double area = 0;
        while (i < u.Length || j < v.Length)
        {
            double next = j >= v.Length || (i < u.Length && u[i] <= v[j]) ? u[i] : v[j];
            area += Math.Abs(((double)i / u.Length) - ((double)j / v.Length)) * (next - previous);
            while (i < u.Length && u[i] == next)
            {
                i++;
            }

            while (j < v.Length && v[j] == next)
            {
                j++;
            }

            previous = next;
        }

        return area;
    }

    /// <summary>The mean of each component over the rows.</summary>
    public static double[] Mean(ReadOnlySpan<float> rows, int count, int dimension)
    {
        var mean = new double[dimension];
        for (int i = 0; i < count; i++)
        {
            var row = rows.Slice(i * dimension, dimension);
            for (int d = 0; d < dimension; d++)
            {
                mean[d] += row[d];
            }
        }

        for (int d = 0; d < dimension; d++)
        {
            mean[d] /= count;
        }

        return mean;
    }

    /// <summary>Euclidean distance between two vectors.</summary>
    public static double Euclidean(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double sum = 0;
        for (int d = 0; d < a.Length; d++)
        {
            double diff = a[d] - b[d];
            sum += diff * diff;
        }

        return Math.Sqrt(sum);
    }

    /// <summary>Cosine distance, 1 − cos(a, b) (SciPy <c>scipy.spatial.distance.cosine</c>); 0 when either vector is zero.</summary>
    public static double Cosine(ReadOnlySpan<double> a, ReadOnlySpan<double> b)
    {
        double dot = 0, na = 0, nb = 0;
        for (int d = 0; d < a.Length; d++)
        {
            dot += a[d] * b[d];
            na += a[d] * a[d];
            nb += b[d] * b[d];
        }

        return na == 0 || nb == 0 ? 0 : 1 - (dot / Math.Sqrt(na * nb));
    }

    /// <summary>
    /// The unbiased estimate of the squared maximum mean discrepancy with an RBF kernel
    /// k(x, y) = exp(−‖x − y‖² / (2σ²)) (Gretton et al., JMLR 13, 2012, eq. 3), σ the median of
    /// the Euclidean distances between all distinct pairs of the pooled rows (the median heuristic).
    /// </summary>
    /// <returns>MMD²ᵤ (may be slightly negative under no drift) and the bandwidth σ.</returns>
    public static (double Mmd2, double Sigma) Mmd2(ReadOnlySpan<float> x, int m, ReadOnlySpan<float> y, int n, int dimension)
    {
        var kernel = RbfKernel(x, m, y, n, dimension, out double sigma);
        return (Mmd2(kernel, m + n, m), sigma);
    }

    /// <summary>
    /// The pooled rows' RBF kernel matrix (x's rows first, then y's), row-major (m + n)², with the
    /// median-heuristic bandwidth σ; the diagonal is left at 0 (the unbiased estimator skips it).
    /// </summary>
    public static double[] RbfKernel(ReadOnlySpan<float> x, int m, ReadOnlySpan<float> y, int n, int dimension, out double sigma)
    {
        int total = m + n;
        var matrix = new double[total * total];
        for (int i = 0; i < total; i++)
        {
            var a = i < m ? x.Slice(i * dimension, dimension) : y.Slice((i - m) * dimension, dimension);
            for (int j = i + 1; j < total; j++)
            {
                var b = j < m ? x.Slice(j * dimension, dimension) : y.Slice((j - m) * dimension, dimension);
                double s = 0;
                for (int d = 0; d < dimension; d++)
                {
                    double diff = (double)a[d] - b[d];
                    s += diff * diff;
                }

                matrix[(i * total) + j] = matrix[(j * total) + i] = s;
            }
        }

        var pairs = new double[total * (total - 1) / 2];
        int k = 0;
        for (int i = 0; i < total; i++)
        {
            for (int j = i + 1; j < total; j++)
            {
                pairs[k++] = matrix[(i * total) + j];
            }
        }

        Array.Sort(pairs);
        // The median of the squared distances is the square of the distances' median (squaring is monotone), except
        // for an even count, where NumPy averages the two middle distances: average those, then square.
        sigma = pairs.Length % 2 == 1
            ? Math.Sqrt(pairs[pairs.Length / 2])
            : (Math.Sqrt(pairs[(pairs.Length / 2) - 1]) + Math.Sqrt(pairs[pairs.Length / 2])) / 2;
        double gamma = sigma > 0 ? 1 / (2 * sigma * sigma) : 0;
        for (int i = 0; i < total; i++)
        {
            for (int j = 0; j < total; j++)
            {
                matrix[(i * total) + j] = i == j ? 0 : Math.Exp(-gamma * matrix[(i * total) + j]);
            }
        }

        return matrix;
    }

    /// <summary>MMD²ᵤ from a pooled kernel matrix whose first <paramref name="m"/> rows are one side.</summary>
    public static double Mmd2(double[] kernel, int total, int m)
    {
        int n = total - m;
        double xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < total; i++)
        {
            for (int j = i + 1; j < total; j++)
            {
                double value = kernel[(i * total) + j];
                if (j < m)
                {
                    xx += 2 * value;
                }
                else if (i >= m)
                {
                    yy += 2 * value;
                }
                else
                {
                    xy += value;
                }
            }
        }

        return (xx / ((double)m * (m - 1))) + (yy / ((double)n * (n - 1))) - (2 * xy / ((double)m * n));
    }

    private static double StandardDeviation(double[] values)
    {
        double mean = 0;
        foreach (double v in values)
        {
            mean += v;
        }

        mean /= values.Length;
        double sum = 0;
        foreach (double v in values)
        {
            sum += (v - mean) * (v - mean);
        }

        return Math.Sqrt(sum / values.Length);
    }
}
