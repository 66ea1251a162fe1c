namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// The domain classifier method: can a model tell current rows from reference rows? An
/// L2-regularised logistic regression (scikit-learn's <c>LogisticRegression(C=1)</c> objective:
/// ½‖w‖² + C·Σ log-loss, intercept not penalised), fitted by Newton's method on half of each
/// side and scored by ROC AUC on the other half (0.5: indistinguishable; 1: fully separable).
/// </summary>
internal static class DomainClassifier
{
    private const double C = 1.0;
    private const int MaxIterations = 100;

    /// <summary>
    /// The held-out ROC AUC. The split is stratified and deterministic: within each side, rows at
    /// even positions train and rows at odd positions test (the rows come from seeded reservoirs,
    /// so their order is already random).
    /// </summary>
    public static double RocAuc(ReadOnlySpan<float> reference, int referenceRows, ReadOnlySpan<float> current, int currentRows, int dimension)
    {
        var (scores, labels) = HeldOutScores(reference, referenceRows, current, currentRows, dimension);
        return Auc(scores, labels);
    }

    /// <summary>
    /// The held-out ROC AUC and its small-sample threshold: the <paramref name="quantile"/> of the
    /// AUCs the same held-out scores give under <paramref name="shuffles"/> seeded random
    /// relabellings. The fitted model never saw the held-out rows, so under no drift their labels
    /// are exchangeable with respect to its scores, and this is an exact permutation null for the
    /// AUC at the sizes compared (at 100 held-out rows a side its 95th percentile is about 0.567,
    /// above Evidently's 0.55, which is why the fixed threshold false-alarms on small samples).
    /// </summary>
    public static (double Auc, double NullQuantile) Evaluate(
        ReadOnlySpan<float> reference, int referenceRows, ReadOnlySpan<float> current, int currentRows, int dimension,
        double quantile, int shuffles, int seed)
    {
        var (scores, labels) = HeldOutScores(reference, referenceRows, current, currentRows, dimension);
        double auc = Auc(scores, labels);
        return (auc, RandomLabelQuantile(scores, labels, quantile, shuffles, seed));
    }

    /// <summary>The quantile of the AUC over seeded random permutations of <paramref name="labels"/> against fixed <paramref name="scores"/>.</summary>
    public static double RandomLabelQuantile(double[] scores, double[] labels, double quantile, int shuffles, int seed)
    {
        // Ranks (ties averaged) are computed once; a relabelling only moves which ranks are summed.
        var ranks = Ranks(scores);
        var shuffled = (double[])labels.Clone();
        long positives = 0;
        foreach (double label in labels)
        {
            positives += label == 1 ? 1 : 0;
        }

        long negatives = labels.Length - positives;
        if (positives == 0 || negatives == 0)
        {
            return 0.5;
        }

        var random = new Random(seed);
        var aucs = new double[shuffles];
        for (int s = 0; s < shuffles; s++)
        {
            random.Shuffle(shuffled);
            double rankSum = 0;
            for (int i = 0; i < shuffled.Length; i++)
            {
                rankSum += shuffled[i] == 1 ? ranks[i] : 0;
            }

            aucs[s] = (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
        }

        Array.Sort(aucs);
        return ComponentNullThresholds.UpperQuantile(aucs, quantile);
    }

    private static (double[] Scores, double[] Labels) HeldOutScores(ReadOnlySpan<float> reference, int referenceRows, ReadOnlySpan<float> current, int currentRows, int dimension)
    {
        int trainRows = ((referenceRows + 1) / 2) + ((currentRows + 1) / 2);
        int testRows = (referenceRows / 2) + (currentRows / 2);
        var trainX = new double[trainRows * dimension];
        var trainY = new double[trainRows];
        var testX = new double[testRows * dimension];
        var testY = new double[testRows];
        int tr = 0, te = 0;
        Split(reference, referenceRows, 0);
        Split(current, currentRows, 1);

        var weights = Fit(trainX, trainY, dimension);
        var scores = new double[testRows];
        for (int i = 0; i < testRows; i++)
        {
            scores[i] = Score(weights, testX.AsSpan(i * dimension, dimension));
        }

        return (scores, testY);

        void Split(ReadOnlySpan<float> rows, int count, double label)
        {
            for (int i = 0; i < count; i++)
            {
                var row = rows.Slice(i * dimension, dimension);
                if (i % 2 == 0)
                {
                    Copy(row, trainX.AsSpan(tr * dimension, dimension));
                    trainY[tr++] = label;
                }
                else
                {
                    Copy(row, testX.AsSpan(te * dimension, dimension));
                    testY[te++] = label;
                }
            }
        }
    }

    /// <summary>Fits the weights (the last one is the intercept) by Newton's method with a Cholesky solve; converges in a handful of steps.</summary>
    public static double[] Fit(double[] x, double[] y, int dimension)
    {
        int rows = y.Length, p = dimension + 1;
        var w = new double[p];
        var gradient = new double[p];
        var hessian = new double[p * p];
        var z = new double[p];
        for (int iteration = 0; iteration < MaxIterations; iteration++)
        {
            Array.Clear(hessian);
            for (int k = 0; k < dimension; k++)
            {
                gradient[k] = w[k]; // the penalty's gradient; the intercept is not penalised
                hessian[(k * p) + k] = 1;
            }

            gradient[dimension] = 0;
            for (int i = 0; i < rows; i++)
            {
                var row = x.AsSpan(i * dimension, dimension);
                row.CopyTo(z);
                z[dimension] = 1;
                double prob = Sigmoid(Dot(w, z));
                double residual = C * (prob - y[i]);
                double curvature = C * prob * (1 - prob);
                for (int a = 0; a < p; a++)
                {
                    gradient[a] += residual * z[a];
                    double za = curvature * z[a];
                    for (int b = 0; b <= a; b++)
                    {
                        hessian[(a * p) + b] += za * z[b];
                    }
                }
            }

            var step = CholeskySolve(hessian, gradient, p);
            double size = 0;
            for (int a = 0; a < p; a++)
            {
                w[a] -= step[a];
                size = Math.Max(size, Math.Abs(step[a]));
            }

            if (size < 1e-12)
            {
                break;
            }
        }

        return w;
    }

    /// <summary>ROC AUC with ties counted half (the Mann–Whitney U statistic over n₀·n₁; scikit-learn <c>roc_auc_score</c>).</summary>
    public static double Auc(double[] scores, double[] labels)
    {
        var ranks = Ranks(scores);
        double rankSumPositive = 0;
        long positives = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            if (labels[i] == 1)
            {
                rankSumPositive += ranks[i];
                positives++;
            }
        }

        long negatives = labels.Length - positives;
        return positives == 0 || negatives == 0 ? 0.5 : (rankSumPositive - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>1-based ranks of the scores, ties given their group's average rank.</summary>
    private static double[] Ranks(double[] scores)
    {
        var order = new int[scores.Length];
        for (int i = 0; i < order.Length; i++)
        {
            order[i] = i;
        }

        Array.Sort((double[])scores.Clone(), order);
        var ranks = new double[scores.Length];
        for (int start = 0; start < order.Length;)
        {
            int end = start;
            while (end + 1 < order.Length && scores[order[end + 1]] == scores[order[start]])
            {
                end++;
            }

            double rank = ((start + end) / 2.0) + 1;
            for (int k = start; k <= end; k++)
            {
                ranks[order[k]] = rank;
            }

            start = end + 1;
        }

        return ranks;
    }

    private static double Score(double[] w, ReadOnlySpan<double> row)
    {
        double s = w[^1];
        for (int k = 0; k < row.Length; k++)
        {
            s += w[k] * row[k];
        }

        return s;
    }

    private static double Dot(double[] w, double[] z)
    {
        double s = 0;
        for (int k = 0; k < w.Length; k++)
        {
            s += w[k] * z[k];
        }

        return s;
    }

    private static double Sigmoid(double t) => t >= 0 ? 1 / (1 + Math.Exp(-t)) : Math.Exp(t) / (1 + Math.Exp(t));

    private static void Copy(ReadOnlySpan<float> from, Span<double> to)
    {
        for (int k = 0; k < from.Length; k++)
        {
            to[k] = from[k];
        }
    }

    // Solves H·s = g for the symmetric positive definite H whose lower triangle is filled (the penalty keeps it definite).
    private static double[] CholeskySolve(double[] h, double[] g, int p)
    {
        var l = new double[p * p];
        for (int i = 0; i < p; i++)
        {
            for (int j = 0; j <= i; j++)
            {
                double sum = h[(i * p) + j];
                for (int k = 0; k < j; k++)
                {
                    sum -= l[(i * p) + k] * l[(j * p) + k];
                }

                l[(i * p) + j] = i == j ? Math.Sqrt(Math.Max(sum, 1e-300)) : sum / l[(j * p) + j];
            }
        }

        var s = new double[p];
        for (int i = 0; i < p; i++)
        {
            double sum = g[i];
            for (int k = 0; k < i; k++)
            {
                sum -= l[(i * p) + k] * s[k];
            }

            s[i] = sum / l[(i * p) + i];
        }

        for (int i = p - 1; i >= 0; i--)
        {
            double sum = s[i];
            for (int k = i + 1; k < p; k++)
            {
                sum -= l[(k * p) + i] * s[k];
            }

            s[i] = sum / l[(i * p) + i];
        }

        return s;
    }
}
