namespace ModelWatch.Samples;

/// <summary>
/// A multinomial logistic regression, P(class k | x) = softmax(W·z + b)_k over standardized inputs z:
/// the model the demo and the sample API monitor. Small, deterministic and real enough to show what
/// ModelWatch sees when its inputs drift and when its labels change meaning.
/// </summary>
public sealed class SoftmaxRegression
{
    /// <summary>The number of gradient-descent steps <see cref="Train"/> takes unless told otherwise.</summary>
    public const int DefaultSteps = 3_000;

    private readonly double[] _mean;
    private readonly double[] _scale;
    private readonly double[,] _weights; // [class, feature], the last column is the intercept

    private SoftmaxRegression(double[] mean, double[] scale, double[,] weights)
    {
        _mean = mean;
        _scale = scale;
        _weights = weights;
    }

    /// <summary>Gets the number of classes.</summary>
    public int ClassCount => _weights.GetLength(0);

    /// <summary>
    /// Fits the weights by full-batch gradient descent on the mean cross-entropy with a small L2
    /// penalty. The penalty keeps the weights of rare classes (5 foggy days in 2012) finite, and a
    /// fixed number of steps from zero keeps the fit deterministic.
    /// </summary>
    /// <param name="rows">The training inputs.</param>
    /// <param name="labels">The class index of each row.</param>
    /// <param name="classes">The number of classes.</param>
    /// <param name="steps">The number of gradient-descent steps.</param>
    /// <returns>The fitted model.</returns>
    public static SoftmaxRegression Train(IReadOnlyList<double[]> rows, IReadOnlyList<int> labels, int classes, int steps = DefaultSteps)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rows.Count, 1);
        ArgumentOutOfRangeException.ThrowIfNotEqual(labels.Count, rows.Count);
        ArgumentOutOfRangeException.ThrowIfLessThan(classes, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(steps);
        const double LearningRate = 0.5;
        const double Penalty = 1e-3;

        int n = rows.Count;
        int d = rows[0].Length;

        // Standardized inputs make one learning rate suit every feature (precipitation spans 0-56,
        // wind 0-10).
        var mean = new double[d];
        var scale = new double[d];
        for (int j = 0; j < d; j++)
        {
            mean[j] = rows.Average(r => r[j]);
            double variance = rows.Average(r => (r[j] - mean[j]) * (r[j] - mean[j]));
            scale[j] = variance > 0 ? Math.Sqrt(variance) : 1;
        }

        var x = new double[n][];
        for (int i = 0; i < n; i++)
        {
            x[i] = new double[d + 1];
            for (int j = 0; j < d; j++)
            {
                x[i][j] = (rows[i][j] - mean[j]) / scale[j];
            }

            x[i][d] = 1;
        }

        var model = new SoftmaxRegression(mean, scale, new double[classes, d + 1]);
        var gradient = new double[classes, d + 1];
        var p = new double[classes];
        for (int step = 0; step < steps; step++)
        {
            Array.Clear(gradient);
            for (int i = 0; i < n; i++)
            {
                model.Softmax(x[i], p);
                for (int k = 0; k < classes; k++)
                {
                    double error = p[k] - (labels[i] == k ? 1 : 0);
                    for (int j = 0; j <= d; j++)
                    {
                        gradient[k, j] += error * x[i][j];
                    }
                }
            }

            for (int k = 0; k < classes; k++)
            {
                for (int j = 0; j <= d; j++)
                {
                    double penalty = j < d ? Penalty * model._weights[k, j] : 0; // the intercept is not penalized
                    model._weights[k, j] -= LearningRate * (gradient[k, j] / n + penalty);
                }
            }
        }

        return model;
    }

    /// <summary>Writes the class probabilities of one input.</summary>
    /// <param name="features">The raw input, in training order (<see cref="WeatherDay.FeatureNames"/> order for the weather data).</param>
    /// <param name="probabilities">Receives one probability per class.</param>
    public void Predict(ReadOnlySpan<double> features, Span<double> probabilities)
    {
        Span<double> x = stackalloc double[_mean.Length + 1];
        for (int j = 0; j < _mean.Length; j++)
        {
            x[j] = (features[j] - _mean[j]) / _scale[j];
        }

        x[^1] = 1;
        Softmax(x, probabilities);
    }

    /// <summary>Returns the most probable class of one input.</summary>
    /// <param name="features">The raw input.</param>
    /// <returns>The class index.</returns>
    public int PredictClass(ReadOnlySpan<double> features) => PredictClass(features, out _);

    /// <summary>Returns the most probable class of one input and its probability.</summary>
    /// <param name="features">The raw input.</param>
    /// <param name="probability">Receives the class's probability.</param>
    /// <returns>The class index (the first one on a tie).</returns>
    public int PredictClass(ReadOnlySpan<double> features, out double probability)
    {
        Span<double> p = stackalloc double[ClassCount];
        Predict(features, p);
        int best = 0;
        for (int k = 1; k < p.Length; k++)
        {
            if (p[k] > p[best])
            {
                best = k;
            }
        }

        probability = p[best];
        return best;
    }

    private void Softmax(ReadOnlySpan<double> x, Span<double> p)
    {
        // Subtracting the largest logit before exponentiating avoids overflow without changing the result.
        double max = double.NegativeInfinity;
        for (int k = 0; k < p.Length; k++)
        {
            double z = 0;
            for (int j = 0; j < x.Length; j++)
            {
                z += _weights[k, j] * x[j];
            }

            p[k] = z;
            max = Math.Max(max, z);
        }

        double sum = 0;
        for (int k = 0; k < p.Length; k++)
        {
            p[k] = Math.Exp(p[k] - max);
            sum += p[k];
        }

        for (int k = 0; k < p.Length; k++)
        {
            p[k] /= sum;
        }
    }
}
