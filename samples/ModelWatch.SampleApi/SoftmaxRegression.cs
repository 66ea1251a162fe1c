namespace ModelWatch.SampleApi;

/// <summary>
/// A small multinomial logistic regression, P(class k | x) = softmax(b + W·z)_k over standardized
/// features z, fitted by full-batch gradient descent on the mean cross-entropy plus an L2 penalty.
/// No random numbers and a fixed number of steps: the same data always gives the same model.
/// </summary>
internal sealed class SoftmaxRegression
{
    private readonly double[] _means;
    private readonly double[] _scales;

    // _weights[k][0] is class k's intercept; _weights[k][j + 1] belongs to standardized feature j.
    private readonly double[][] _weights;

    private SoftmaxRegression(string[] classes, double[] means, double[] scales, double[][] weights)
    {
        Classes = classes;
        _means = means;
        _scales = scales;
        _weights = weights;
    }

    /// <summary>Gets the class names; a class's index is its position here.</summary>
    public string[] Classes { get; }

    public static SoftmaxRegression Train(IReadOnlyList<double[]> x, IReadOnlyList<string> labels, int steps = 2_000, double learningRate = 0.5, double lambda = 1e-3)
    {
        string[] classes = [.. labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];
        int[] y = [.. labels.Select(l => Array.IndexOf(classes, l))];
        int n = x.Count, d = x[0].Length, k = classes.Length;

        // Standardizing lets one learning rate and one penalty suit millimetres of rain and degrees alike.
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double mean = x.Average(r => r[j]);
            double sd = Math.Sqrt(x.Average(r => (r[j] - mean) * (r[j] - mean)));
            means[j] = mean;
            scales[j] = sd > 0 ? sd : 1;
        }

        var z = x.Select(r => Enumerable.Range(0, d).Select(j => (r[j] - means[j]) / scales[j]).Prepend(1.0).ToArray()).ToArray();
        var w = Enumerable.Range(0, k).Select(_ => new double[d + 1]).ToArray();
        var gradient = Enumerable.Range(0, k).Select(_ => new double[d + 1]).ToArray();
        var p = new double[k];
        for (int step = 0; step < steps; step++)
        {
            foreach (var g in gradient)
            {
                Array.Clear(g);
            }

            for (int i = 0; i < n; i++)
            {
                Softmax(w, z[i], p);
                for (int c = 0; c < k; c++)
                {
                    double r = p[c] - (y[i] == c ? 1 : 0);
                    for (int a = 0; a <= d; a++)
                    {
                        gradient[c][a] += r * z[i][a];
                    }
                }
            }

            for (int c = 0; c < k; c++)
            {
                for (int a = 0; a <= d; a++)
                {
                    double penalty = a == 0 ? 0 : lambda * w[c][a];
                    w[c][a] -= learningRate * ((gradient[c][a] / n) + penalty);
                }
            }
        }

        return new SoftmaxRegression(classes, means, scales, w);
    }

    /// <summary>Predicts the most probable class and its probability.</summary>
    public (int Class, double Probability) Predict(ReadOnlySpan<double> features)
    {
        Span<double> z = stackalloc double[_means.Length + 1];
        z[0] = 1;
        for (int j = 0; j < _means.Length; j++)
        {
            z[j + 1] = (features[j] - _means[j]) / _scales[j];
        }

        Span<double> p = stackalloc double[Classes.Length];
        Softmax(_weights, z, p);
        int best = 0;
        for (int c = 1; c < p.Length; c++)
        {
            best = p[c] > p[best] ? c : best;
        }

        return (best, p[best]);
    }

    // Subtracting the largest logit keeps exp from overflowing.
    private static void Softmax(double[][] w, ReadOnlySpan<double> z, Span<double> p)
    {
        double max = double.NegativeInfinity;
        for (int c = 0; c < w.Length; c++)
        {
            double eta = 0;
            for (int a = 0; a < z.Length; a++)
            {
                eta += w[c][a] * z[a];
            }

            p[c] = eta;
            max = Math.Max(max, eta);
        }

        double sum = 0;
        for (int c = 0; c < w.Length; c++)
        {
            p[c] = Math.Exp(p[c] - max);
            sum += p[c];
        }

        for (int c = 0; c < w.Length; c++)
        {
            p[c] /= sum;
        }
    }
}
