namespace ModelWatch.Estimation;

/// <summary>
/// Whether isotonic calibration improves a binary score on a reference: NannyML's
/// <c>needs_calibration</c> (<c>nannyml/calibration.py</c>), with the expected calibration error of
/// <c>_calculate_expected_calibration_error</c>.
/// </summary>
/// <remarks>
/// No calibration for a single-class reference or one whose ROC AUC exceeds 0.999 (isotonic
/// regression would only flatten a perfect ranking). Otherwise the calibrator is fitted on the
/// training rows of each split and applied to its test rows; calibration is chosen when the ECE of the
/// calibrated test rows is strictly lower than that of the raw ones. NannyML draws the splits with
/// scikit-learn's <c>StratifiedShuffleSplit(n_splits=10, test_size=0.1, random_state=42)</c>; ModelWatch
/// takes the splits as input (<see cref="SeededStratifiedSplits"/> when none are given), so the decision
/// equals NannyML's whenever the same splits are used.
/// </remarks>
internal static class CalibrationDecision
{
    private const double SeparableRocAuc = 0.999;
    private const int EceBins = 10;

    /// <summary>The decision and the numbers behind it.</summary>
    internal readonly record struct Outcome(bool Calibrate, string Reason, double EceBefore, double EceAfter);

    public static Outcome Decide(IReadOnlyList<double> scores, IReadOnlyList<int> targets, IReadOnlyList<int[]> splitTestRows)
    {
        int positives = 0;
        foreach (int t in targets)
        {
            positives += t;
        }

        if (positives == 0 || positives == targets.Count)
        {
            return new Outcome(false, "single_class_in_reference", double.NaN, double.NaN);
        }

        if (RealizedMetrics.RocAuc(scores, targets, 0, targets.Count) > SeparableRocAuc)
        {
            return new Outcome(false, "reference_roc_auc_above_0.999", double.NaN, double.NaN);
        }

        var testTargets = new List<int>();
        var rawScores = new List<double>();
        var calibratedScores = new List<double>();
        var isTest = new bool[targets.Count];
        foreach (int[] testRows in splitTestRows)
        {
            Array.Clear(isTest);
            foreach (int row in testRows)
            {
                isTest[row] = true;
            }

            var trainRows = new List<int>(targets.Count - testRows.Length);
            for (int row = 0; row < isTest.Length; row++)
            {
                if (!isTest[row])
                {
                    trainRows.Add(row);
                }
            }

            var calibrator = IsotonicCalibrator.Fit(scores, targets, trainRows);
            foreach (int row in testRows)
            {
                testTargets.Add(targets[row]);
                rawScores.Add(scores[row]);
                calibratedScores.Add(calibrator.Predict(scores[row]));
            }
        }

        double before = ExpectedCalibrationError(rawScores, testTargets);
        double after = ExpectedCalibrationError(calibratedScores, testTargets);
        return before > after
            ? new Outcome(true, "ece_before_gt_ece_after", before, after)
            : new Outcome(false, "ece_before_le_ece_after", before, after);
    }

    /// <summary>
    /// The ECE over equal-count bins of rows sorted by their own probability (stable sort):
    /// Σ (rows in bin / N)·|mean probability − mean target|. Ten bins, or N / 2 when N ≤ 20; the bin
    /// width is N / bins rounded down and the last bin takes the rest (NannyML's <c>_get_bin_index_edges</c>).
    /// </summary>
    public static double ExpectedCalibrationError(IReadOnlyList<double> probabilities, IReadOnlyList<int> targets)
    {
        int n = probabilities.Count;
        int bins = n <= 2 * EceBins ? n / 2 : EceBins;
        if (bins < 1)
        {
            return double.NaN;
        }

        var order = StableOrder.Ascending(probabilities);
        int[] edges = BinEdges(n, bins);
        double ece = 0;
        for (int b = 0; b + 1 < edges.Length; b++)
        {
            double sumP = 0;
            double sumY = 0;
            int count = edges[b + 1] - edges[b];
            for (int k = edges[b]; k < edges[b + 1]; k++)
            {
                sumP += probabilities[order[k]];
                sumY += targets[order[k]];
            }

            ece += (double)count / n * Math.Abs((sumP / count) - (sumY / count));
        }

        return ece;
    }

    /// <summary>Edges 0, w, 2w, … (w = n / bins) with the last one moved to n.</summary>
    internal static int[] BinEdges(int n, int bins)
    {
        int width = n / bins;
        var edges = new List<int>();
        for (int e = 0; e <= n; e += width)
        {
            edges.Add(e);
        }

        edges[^1] = n;
        return [.. edges];
    }
}
