namespace ModelWatch.Tests.TestSupport;

/// <summary>
/// A small binary logistic regression: a real model to monitor in tests, and nothing more.
/// It uses Newton's method (IRLS) with L2 regularisation on standardized features. There are no
/// random numbers and the order of summation is fixed, so the same data always gives the same
/// model.
/// </summary>
internal sealed class LogisticRegression
{
    public const double DefaultLambda = 1e-3;

    private readonly double[] _means;
    private readonly double[] _scales;

    // _weights[0] is the intercept; _weights[j + 1] belongs to standardized feature j.
    private readonly double[] _weights;

    private LogisticRegression(double[] means, double[] scales, double[] weights)
    {
        _means = means;
        _scales = scales;
        _weights = weights;
    }

    public int FeatureCount => _means.Length;

    /// <summary>
    /// Fits P(y = 1 | x) = sigmoid(b + w·z), where z is x standardized with the training means and
    /// standard deviations. The fit minimises the mean negative log-likelihood plus
    /// (lambda / 2)·|w|² (the intercept is not penalised).
    /// </summary>
    /// <param name="x">Feature rows, all of the same length.</param>
    /// <param name="y">Labels, 0 or 1.</param>
    /// <param name="iterations">Maximum number of Newton steps. Convergence usually takes fewer than 20.</param>
    /// <param name="lambda">L2 penalty on the standardized weights.</param>
    public static LogisticRegression Train(IReadOnlyList<double[]> x, IReadOnlyList<int> y, int iterations = 200, double lambda = DefaultLambda)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(iterations);
        ArgumentOutOfRangeException.ThrowIfNegative(lambda);
        if (x.Count == 0 || x.Count != y.Count)
        {
            throw new ArgumentException($"need the same positive number of rows and labels, got {x.Count} and {y.Count}", nameof(y));
        }

        int n = x.Count;
        int d = x[0].Length;
        for (int i = 0; i < n; i++)
        {
            if (x[i].Length != d)
            {
                throw new ArgumentException($"row {i} has {x[i].Length} features, row 0 has {d}", nameof(x));
            }

            if (y[i] is not (0 or 1))
            {
                throw new ArgumentException($"label {i} is {y[i]}, expected 0 or 1", nameof(y));
            }
        }

        // Standardizing puts every feature on the same scale, so one lambda means the same thing
        // for each of them. It also keeps the Hessian well conditioned when units differ a lot
        // (millimetres of rain against degrees).
        var means = new double[d];
        var scales = new double[d];
        for (int j = 0; j < d; j++)
        {
            double sum = 0;
            for (int i = 0; i < n; i++)
            {
                sum += x[i][j];
            }

            double mean = sum / n;
            double ss = 0;
            for (int i = 0; i < n; i++)
            {
                double dev = x[i][j] - mean;
                ss += dev * dev;
            }

            double sd = Math.Sqrt(ss / n);

            // A constant column carries no information. Scale 1 leaves it at zero after
            // centring, so it cannot produce NaN and the penalty keeps its weight at zero.
            means[j] = mean;
            scales[j] = sd > 0 ? sd : 1.0;
        }

        // The design matrix with a leading column of ones for the intercept.
        int p = d + 1;
        var z = new double[n][];
        for (int i = 0; i < n; i++)
        {
            z[i] = new double[p];
            z[i][0] = 1.0;
            for (int j = 0; j < d; j++)
            {
                z[i][j + 1] = (x[i][j] - means[j]) / scales[j];
            }
        }

        var w = new double[p];
        double objective = Objective(z, y, w, lambda);
        var gradient = new double[p];
        var hessian = new double[p, p];
        var candidate = new double[p];
        for (int iter = 0; iter < iterations; iter++)
        {
            // Mean-loss gradient and Hessian, X'(mu - y)/n and X'SX/n, plus the penalty. Using
            // the mean keeps lambda independent of the size of the training set.
            Array.Clear(gradient);
            Array.Clear(hessian);
            for (int i = 0; i < n; i++)
            {
                double mu = Sigmoid(Dot(w, z[i]));
                double r = mu - y[i];
                double s = mu * (1 - mu);
                for (int a = 0; a < p; a++)
                {
                    gradient[a] += r * z[i][a];
                    for (int b = 0; b <= a; b++)
                    {
                        hessian[a, b] += s * z[i][a] * z[i][b];
                    }
                }
            }

            for (int a = 0; a < p; a++)
            {
                gradient[a] /= n;
                for (int b = 0; b <= a; b++)
                {
                    hessian[a, b] /= n;
                    hessian[b, a] = hessian[a, b];
                }

                if (a > 0)
                {
                    gradient[a] += lambda * w[a];
                    hessian[a, a] += lambda;
                }
            }

            // Without a penalty, separable data makes the weights grow without bound, and even
            // with a penalty a saturated sigmoid can make the Hessian (nearly) singular. A tiny
            // ridge keeps Cholesky well defined. It changes the step very slightly, but not the optimum
            // (where the gradient is zero).
            for (int a = 0; a < p; a++)
            {
                hessian[a, a] += 1e-12;
            }

            double[] step = SolveCholesky(hessian, gradient);

            // Plain Newton can overshoot when it starts far from the optimum. Halving the step
            // until the objective decreases keeps each iteration a descent step, and it does not
            // affect the fast convergence near the optimum, where the full step is taken.
            double t = 1.0;
            double next = double.PositiveInfinity;
            for (int halving = 0; halving < 50; halving++)
            {
                for (int a = 0; a < p; a++)
                {
                    candidate[a] = w[a] - t * step[a];
                }

                next = Objective(z, y, candidate, lambda);
                if (next <= objective)
                {
                    break;
                }

                t /= 2;
            }

            if (!(next <= objective))
            {
                break; // no step decreases the objective: already at the optimum to rounding
            }

            double change = 0;
            for (int a = 0; a < p; a++)
            {
                change = Math.Max(change, Math.Abs(candidate[a] - w[a]));
                w[a] = candidate[a];
            }

            objective = next;
            if (change < 1e-10)
            {
                break;
            }
        }

        return new LogisticRegression(means, scales, w);
    }

    public double PredictProbability(ReadOnlySpan<double> features)
    {
        if (features.Length != _means.Length)
        {
            throw new ArgumentException($"expected {_means.Length} features, got {features.Length}", nameof(features));
        }

        double eta = _weights[0];
        for (int j = 0; j < features.Length; j++)
        {
            eta += _weights[j + 1] * (features[j] - _means[j]) / _scales[j];
        }

        return Sigmoid(eta);
    }

    private static double Dot(double[] w, double[] z)
    {
        double s = 0;
        for (int a = 0; a < w.Length; a++)
        {
            s += w[a] * z[a];
        }

        return s;
    }

    // Written in two forms so that exp never overflows for large |eta|.
    private static double Sigmoid(double eta) =>
        eta >= 0 ? 1.0 / (1.0 + Math.Exp(-eta)) : Math.Exp(eta) / (1.0 + Math.Exp(eta));

    // log(1 + e^eta), computed without overflow.
    private static double Softplus(double eta) =>
        eta > 0 ? eta + Math.Log(1.0 + Math.Exp(-eta)) : Math.Log(1.0 + Math.Exp(eta));

    /// <summary>Mean negative log-likelihood plus the L2 penalty, without the intercept.</summary>
    private static double Objective(double[][] z, IReadOnlyList<int> y, double[] w, double lambda)
    {
        double loss = 0;
        for (int i = 0; i < z.Length; i++)
        {
            double eta = Dot(w, z[i]);
            loss += Softplus(eta) - y[i] * eta;
        }

        double penalty = 0;
        for (int a = 1; a < w.Length; a++)
        {
            penalty += w[a] * w[a];
        }

        return loss / z.Length + 0.5 * lambda * penalty;
    }

    /// <summary>Solves A·s = b for a symmetric positive definite A (here at most a handful of rows).</summary>
    private static double[] SolveCholesky(double[,] a, double[] b)
    {
        int p = b.Length;
        var l = new double[p, p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double s = a[i, j];
                for (int k = 0; k < j; k++)
                {
                    s -= l[i, k] * l[j, k];
                }

                if (i == j)
                {
                    if (!(s > 0))
                    {
                        throw new InvalidOperationException("Hessian is not positive definite");
                    }

                    l[i, i] = Math.Sqrt(s);
                }
                else
                {
                    l[i, j] = s / l[j, j];
                }
            }
        }

        // Forward substitution (L·u = b), then back substitution (L'·s = u).
        var u = new double[p];
        for (int i = 0; i < p; i++)
        {
            double s = b[i];
            for (int k = 0; k < i; k++)
            {
                s -= l[i, k] * u[k];
            }

            u[i] = s / l[i, i];
        }

        var x = new double[p];
        for (int i = p - 1; i >= 0; i--)
        {
            double s = u[i];
            for (int k = i + 1; k < p; k++)
            {
                s -= l[k, i] * x[k];
            }

            x[i] = s / l[i, i];
        }

        return x;
    }
}
