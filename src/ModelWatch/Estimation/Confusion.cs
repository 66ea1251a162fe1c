namespace ModelWatch.Estimation;

/// <summary>
/// A binary confusion matrix: realized counts, or CBPE's expected counts, where every row adds its
/// probability p of being positive to TP (predicted positive) or FN (predicted negative) and 1 − p
/// to FP or TN (<c>nannyml/performance_estimation/confidence_based/metrics.py</c>).
/// </summary>
internal readonly record struct Confusion(double TruePositive, double FalsePositive, double FalseNegative, double TrueNegative)
{
    public double Total => TruePositive + FalsePositive + FalseNegative + TrueNegative;

    /// <summary>The expected confusion matrix of rows [start, start + count).</summary>
    /// <param name="probabilities">The probability of the positive class per row.</param>
    /// <param name="predictedPositive">Whether the model predicted the positive class, per row.</param>
    /// <param name="start">The first row.</param>
    /// <param name="count">The number of rows.</param>
    public static Confusion Expected(IReadOnlyList<double> probabilities, Func<int, bool> predictedPositive, int start, int count)
    {
        double tp = 0, fp = 0, fn = 0, tn = 0;
        for (int row = start; row < start + count; row++)
        {
            double p = probabilities[row];
            if (predictedPositive(row))
            {
                tp += p;
                fp += 1 - p;
            }
            else
            {
                fn += p;
                tn += 1 - p;
            }
        }

        return new Confusion(tp, fp, fn, tn);
    }

    /// <summary>The realized confusion matrix of rows [start, start + count).</summary>
    public static Confusion Realized(Func<int, bool> actualPositive, Func<int, bool> predictedPositive, int start, int count)
    {
        int tp = 0, fp = 0, fn = 0, tn = 0;
        for (int row = start; row < start + count; row++)
        {
            bool actual = actualPositive(row);
            if (predictedPositive(row))
            {
                if (actual) { tp++; } else { fp++; }
            }
            else
            {
                if (actual) { fn++; } else { tn++; }
            }
        }

        return new Confusion(tp, fp, fn, tn);
    }

    /// <summary>
    /// CBPE's estimate of a metric from an expected confusion matrix of <paramref name="rows"/> rows;
    /// a rate with a zero denominator is 0, as in NannyML.
    /// </summary>
    public double Estimate(CbpeMetric metric, int rows) => metric switch
    {
        CbpeMetric.Precision => Ratio(TruePositive, TruePositive + FalsePositive),
        CbpeMetric.Recall => Ratio(TruePositive, TruePositive + FalseNegative),
        CbpeMetric.F1 => Ratio(TruePositive, TruePositive + (0.5 * (FalsePositive + FalseNegative))),
        CbpeMetric.Specificity => Ratio(TrueNegative, TrueNegative + FalsePositive),
        CbpeMetric.Accuracy => (TruePositive + TrueNegative) / rows,
        CbpeMetric.TruePositive => TruePositive,
        CbpeMetric.TrueNegative => TrueNegative,
        CbpeMetric.FalsePositive => FalsePositive,
        CbpeMetric.FalseNegative => FalseNegative,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a confusion-matrix metric"),
    };

    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
