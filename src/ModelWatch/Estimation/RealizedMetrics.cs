namespace ModelWatch.Estimation;

/// <summary>
/// Binary performance measured against labels, as scikit-learn computes it for NannyML's realized
/// performance (<c>nannyml/performance_calculation/metrics/binary_classification.py</c>): the values
/// of the reference chunks from which CBPE's thresholds are computed.
/// </summary>
internal static class RealizedMetrics
{
    /// <summary>
    /// ROC AUC of the rows [start, start + count) by the Mann–Whitney statistic (tied scores count ½),
    /// equal to scikit-learn's <c>roc_auc_score</c>; NaN when the targets hold one class.
    /// </summary>
    public static double RocAuc(IReadOnlyList<double> scores, IReadOnlyList<int> targets, int start, int count)
    {
        int[] order = StableOrder.Ascending(scores, start, count);
        double positiveRankSum = 0;
        long positives = 0;
        int i = 0;
        while (i < count)
        {
            int j = i;
            int tiedPositives = 0;
            while (j < count && scores[order[j]] == scores[order[i]])
            {
                tiedPositives += targets[order[j]];
                j++;
            }

            // Ranks i+1 … j share their mean.
            positiveRankSum += tiedPositives * ((i + 1 + j) / 2.0);
            positives += tiedPositives;
            i = j;
        }

        long negatives = count - positives;
        if (positives == 0 || negatives == 0)
        {
            return double.NaN;
        }

        return (positiveRankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }

    /// <summary>
    /// Average precision of the rows [start, start + count), scikit-learn's <c>average_precision_score</c>:
    /// Σ (R_t − R_{t−1})·P_t over the distinct scores t, descending; NaN without positives.
    /// </summary>
    public static double AveragePrecision(IReadOnlyList<double> scores, IReadOnlyList<int> targets, int start, int count)
    {
        int[] order = StableOrder.Descending(scores, start, count);
        int positives = 0;
        for (int k = 0; k < count; k++)
        {
            positives += targets[start + k];
        }

        if (positives == 0)
        {
            return double.NaN;
        }

        double ap = 0;
        double previousRecall = 0;
        int truePositives = 0;
        int i = 0;
        while (i < count)
        {
            double score = scores[order[i]];
            while (i < count && scores[order[i]] == score)
            {
                truePositives += targets[order[i]];
                i++;
            }

            double recall = (double)truePositives / positives;
            ap += (recall - previousRecall) * ((double)truePositives / i);
            previousRecall = recall;
        }

        return ap;
    }

    /// <summary>The realized value of a label-based metric on counts of a chunk (§4.7 of the oracle README).</summary>
    /// <param name="metric">A metric other than ROC AUC and average precision.</param>
    /// <param name="counts">The chunk's confusion matrix.</param>
    /// <param name="singleClass">Whether the targets or the predictions of the chunk hold only one value.</param>
    public static double FromCounts(CbpeMetric metric, Confusion counts, bool singleClass) => metric switch
    {
        CbpeMetric.Precision => singleClass ? double.NaN : Ratio(counts.TruePositive, counts.TruePositive + counts.FalsePositive),
        CbpeMetric.Recall => singleClass ? double.NaN : Ratio(counts.TruePositive, counts.TruePositive + counts.FalseNegative),
        CbpeMetric.F1 => singleClass ? double.NaN : Ratio(2 * counts.TruePositive, (2 * counts.TruePositive) + counts.FalsePositive + counts.FalseNegative),
        CbpeMetric.Specificity => counts.TrueNegative + counts.FalsePositive == 0
            ? double.NaN
            : counts.TrueNegative / (counts.TrueNegative + counts.FalsePositive),
        CbpeMetric.Accuracy => (counts.TruePositive + counts.TrueNegative) / counts.Total,
        CbpeMetric.TruePositive => counts.TruePositive,
        CbpeMetric.TrueNegative => counts.TrueNegative,
        CbpeMetric.FalsePositive => counts.FalsePositive,
        CbpeMetric.FalseNegative => counts.FalseNegative,
        _ => throw new ArgumentOutOfRangeException(nameof(metric), metric, "not a count-based metric"),
    };

    /// <summary>A rate with scikit-learn's <c>zero_division=0</c>.</summary>
    private static double Ratio(double numerator, double denominator) => denominator == 0 ? 0 : numerator / denominator;
}
