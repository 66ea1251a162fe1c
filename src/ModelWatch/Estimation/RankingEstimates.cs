namespace ModelWatch.Estimation;

/// <summary>
/// CBPE's estimated ROC AUC and average precision of a chunk
/// (<c>nannyml/performance_estimation/confidence_based/metrics.py</c>, <c>estimate_roc_auc</c> and the
/// average-precision metric): the rows are ranked by the raw score, descending, and each contributes its
/// calibrated probability to the expected true positives and the rest to the false positives.
/// </summary>
/// <remarks>
/// The cumulative sums are rounded to 5 decimals (ties to even) before the rates are formed, as NannyML
/// does with <c>numpy.round</c>; the rounding is part of the result and moves it by up to about 2e-7.
/// The cumulative sum itself stays sequential, as NumPy's <c>cumsum</c>.
/// </remarks>
internal static class RankingEstimates
{
    public static (double RocAuc, double AveragePrecision) Estimate(
        IReadOnlyList<double> rawScores, IReadOnlyList<double> calibrated, int start, int count)
    {
        int[] order = StableOrder.Descending(rawScores, start, count);
        var tps = new double[count + 1];
        var fps = new double[count + 1];
        double cumulative = 0;
        for (int i = 1; i <= count; i++)
        {
            cumulative += calibrated[order[i - 1]];
            tps[i] = Round5(cumulative);
            fps[i] = Round5(i - cumulative);
        }

        double totalTp = tps[count];
        double totalFp = fps[count];
        double rocAuc = 0;
        double averagePrecision = 0;
        for (int i = 1; i <= count; i++)
        {
            double tpr = tps[i] / totalTp;
            double previousTpr = tps[i - 1] / totalTp;
            double fpr = fps[i] / totalFp;
            double previousFpr = fps[i - 1] / totalFp;
            rocAuc += (fpr - previousFpr) * (tpr + previousTpr) / 2;
            averagePrecision += (tpr - previousTpr) * (tps[i] / i);
        }

        return (rocAuc, averagePrecision);
    }

    /// <summary><c>numpy.round(v, 5)</c>: scale, round half to even, unscale.</summary>
    private static double Round5(double v) => Math.Round(v * 1e5, MidpointRounding.ToEven) / 1e5;
}
