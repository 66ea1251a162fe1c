using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// Quality metrics against values worked out by hand (small cases) and against an exact offline
/// computation over a larger seeded sample; merging partial accumulators equals one accumulator.
/// </summary>
public sealed class QualityAccumulatorTests
{
    private const double Exact = 1e-12;

    private static QualityDefinition Definition(ModelTask task, int classes = 0, int scoreBins = 200) => new(new QualityOptions
    {
        Task = task,
        Classes = classes,
        ScoreBins = scoreBins,
    });

    [Fact]
    public void Binary_SmallCase_MatchesHandComputedValues()
    {
        double[] scores = [0.9, 0.8, 0.7, 0.6, 0.4, 0.3, 0.2, 0.1];
        int[] labels = [1, 1, 0, 1, 0, 1, 0, 0];
        var acc = new QualityAccumulator(Definition(ModelTask.BinaryClassification));
        for (int i = 0; i < scores.Length; i++)
        {
            acc.AddBinary(scores[i], labels[i]);
        }

        var m = acc.Compute();

        // Predicted 1 for the first four: TP 3, FP 1, FN 1, TN 3.
        Assert.Equal(8, m.Outcomes);
        Tolerance.Close(0.75, m.Accuracy!.Value, Exact, 0, "accuracy");
        Tolerance.Close(0.75, m.Precision!.Value, Exact, 0, "precision");
        Tolerance.Close(0.75, m.Recall!.Value, Exact, 0, "recall");
        Tolerance.Close(0.75, m.F1!.Value, Exact, 0, "F1");
        Assert.Equal([3, 1, 1, 3], m.ConfusionMatrix.ToArray());

        // −mean ln p(actual) with p(actual) = .9 .8 .3 .6 .6 .3 .8 .9.
        Tolerance.Close(0.5108256237659906, m.LogLoss!.Value, Exact, 0, "log loss");

        // Σ(s − y)² = .01 + .04 + .49 + .16 + .16 + .49 + .04 + .01 = 1.4.
        Tolerance.Close(0.175, m.BrierScore!.Value, Exact, 0, "Brier");

        // Positive scores .9 .8 .6 .3 beat 4 + 4 + 3 + 2 of the 16 negative pairs; no two share a bin.
        Tolerance.Close(13.0 / 16, m.RocAuc!.Value, Exact, 0, "AUC");
        Assert.Equal(0, m.RocAucErrorBound!.Value);

        // Confidence bins .9 (2 of 2 right), .8 (2/2), .7 (0/2), .6 (2/2): |2−1.8|+|2−1.6|+|0−1.4|+|2−1.2| = 2.8.
        Tolerance.Close(0.35, m.ExpectedCalibrationError!.Value, Exact, 0, "ECE");
        Assert.Null(m.MeanAbsoluteError);
    }

    [Fact]
    public void Binary_ScoresOutsideUnitInterval_AreMarginsWithoutProbabilisticMetrics()
    {
        var acc = new QualityAccumulator(Definition(ModelTask.BinaryClassification));
        acc.AddBinary(2.5, 1);
        acc.AddBinary(-1.0, 0);
        acc.AddBinary(0.7, 0);

        var m = acc.Compute();
        Assert.Equal(3, m.Outcomes);
        Assert.Equal(1, m.ProbabilisticOutcomes);
        Tolerance.Close(-Math.Log(0.3), m.LogLoss!.Value, Exact, 0, "log loss over the one probability");
        Tolerance.Close(2.0 / 3, m.Accuracy!.Value, Exact, 0, "accuracy counts every outcome");
        Assert.Equal(1.0, m.RocAuc); // the positive's margin is above both negatives
    }

    [Fact]
    public void Binary_OneClassOnly_LeavesAucNullAndUndefinedRatesZero()
    {
        var acc = new QualityAccumulator(Definition(ModelTask.BinaryClassification));
        acc.AddBinary(0.2, 0);
        acc.AddBinary(0.3, 0);

        var m = acc.Compute();
        Assert.Equal(1.0, m.Accuracy);
        Assert.Null(m.RocAuc);
        // scikit-learn: precision_score / recall_score / f1_score([0, 0], [0, 0], zero_division=0) = 0.
        Assert.Equal(0.0, m.Precision); // class 1 never predicted
        Assert.Equal(0.0, m.Recall);    // class 1 never occurred
        Assert.Equal(0.0, m.F1);
    }

    [Fact]
    public void Multiclass_ClassNeverPredicted_CountsAsZeroInTheMacroAverages()
    {
        // scikit-learn: f1_score(y_true=[0, 1, 1, 2, 2, 2], y_pred=[0, 1, 1, 1, 1, 1], average="macro", zero_division=0)
        // = (1 + 0.5 + 0) / 3; precision (1 + 0.4 + 0) / 3; recall (1 + 1 + 0) / 3. Class 3 occurs in
        // neither and stays out; class 2 is never predicted and counts as 0, not skipped.
        int[] actual = [0, 1, 1, 2, 2, 2];
        int[] predicted = [0, 1, 1, 1, 1, 1];
        var acc = new QualityAccumulator(Definition(ModelTask.MulticlassClassification, classes: 4));
        for (int i = 0; i < actual.Length; i++)
        {
            double[] p = [0.1, 0.1, 0.1, 0.1];
            p[predicted[i]] = 0.7;
            acc.AddMulticlass(predicted[i], actual[i], p);
        }

        var m = acc.Compute();
        Assert.Equal(0.0, m.Classes[2].Precision); // never predicted: zero_division=0
        Assert.Equal(0.0, m.Classes[2].F1);
        Assert.Equal(0.0, m.Classes[3].Recall);    // never observed
        Assert.Equal(0.0, m.Classes[3].F1);
        Tolerance.Close((1 + (2 * 0.4 / 1.4)) / 3, m.F1!.Value, Exact, 0, "macro F1");
        Tolerance.Close((1 + 0.4) / 3, m.Precision!.Value, Exact, 0, "macro precision");
        Tolerance.Close(2.0 / 3, m.Recall!.Value, Exact, 0, "macro recall");
        Assert.True(m.F1 < m.Accuracy + 0.1, "macro F1 must not exceed accuracy by skipping the unpredicted class");
    }

    [Fact]
    public void Multiclass_SmallCase_MatchesHandComputedValues()
    {
        double[][] probabilities =
        [
            [0.7, 0.2, 0.1], [0.1, 0.6, 0.3], [0.2, 0.2, 0.6], [0.5, 0.4, 0.1], [0.3, 0.3, 0.4], [0.1, 0.8, 0.1],
        ];
        int[] actual = [0, 1, 1, 1, 2, 0];
        int[] predicted = [0, 1, 2, 0, 2, 1];
        var acc = new QualityAccumulator(Definition(ModelTask.MulticlassClassification, classes: 3));
        for (int i = 0; i < actual.Length; i++)
        {
            acc.AddMulticlass(predicted[i], actual[i], probabilities[i]);
        }

        var m = acc.Compute();
        Tolerance.Close(0.5, m.Accuracy!.Value, Exact, 0, "accuracy");

        // Per class (TP, predicted, support): 0 (1, 2, 2), 1 (1, 2, 3), 2 (1, 2, 1).
        Tolerance.Close(0.5, m.Classes[0].F1, Exact, 0, "F1 of class 0");
        Tolerance.Close(0.4, m.Classes[1].F1, Exact, 0, "F1 of class 1");
        Tolerance.Close(2.0 / 3, m.Classes[2].F1, Exact, 0, "F1 of class 2");
        Tolerance.Close((0.5 + 0.4 + (2.0 / 3)) / 3, m.F1!.Value, Exact, 0, "macro F1");
        Tolerance.Close(0.5, m.Precision!.Value, Exact, 0, "macro precision");
        Tolerance.Close((0.5 + (1.0 / 3) + 1) / 3, m.Recall!.Value, Exact, 0, "macro recall");
        Tolerance.Close(1.1020175061468631, m.LogLoss!.Value, Exact, 0, "log loss");
        Tolerance.Close(0.6766666666666667, m.BrierScore!.Value, Exact, 0, "Brier (sum over classes)");
        Tolerance.Close(0.4, m.ExpectedCalibrationError!.Value, Exact, 0, "ECE");
        Assert.Null(m.RocAuc);
    }

    [Fact]
    public void Multiclass_WithoutProbabilities_HasCountMetricsOnly()
    {
        var acc = new QualityAccumulator(Definition(ModelTask.MulticlassClassification, classes: 4));
        acc.AddMulticlass(3, 3, default);
        acc.AddMulticlass(1, 2, default);

        var m = acc.Compute();
        Assert.Equal(0.5, m.Accuracy);
        Assert.Equal(0, m.ProbabilisticOutcomes);
        Assert.Null(m.LogLoss);
        Assert.Null(m.BrierScore);
        Assert.Null(m.ExpectedCalibrationError);
    }

    [Fact]
    public void Regression_SmallCase_MatchesHandComputedValues()
    {
        double[] predictions = [3, -0.5, 2, 7];
        double[] actuals = [2.5, 0.0, 2, 8];
        var acc = new QualityAccumulator(Definition(ModelTask.Regression));
        for (int i = 0; i < predictions.Length; i++)
        {
            acc.AddRegression(predictions[i], actuals[i]);
        }

        var m = acc.Compute();
        Tolerance.Close(0.5, m.MeanAbsoluteError!.Value, Exact, 0, "MAE");
        Tolerance.Close(Math.Sqrt(0.375), m.RootMeanSquaredError!.Value, Exact, 0, "RMSE");

        // SST = Σ(y − 3.125)² = .390625 + 9.765625 + 1.265625 + 23.765625 = 35.1875; SSE = 1.5.
        Tolerance.Close(1 - (1.5 / 35.1875), m.RSquared!.Value, Exact, 0, "R²");

        // The zero actual is left out: (0.5/2.5 + 0/2 + 1/8) / 3.
        Tolerance.Close(0.325 / 3, m.MeanAbsolutePercentageError!.Value, Exact, 0, "MAPE");
        Assert.Equal(1, m.ZeroActuals);
        Tolerance.Close(-0.25, m.MeanError!.Value, Exact, 0, "mean error");
        Assert.Null(m.Accuracy);
    }

    [Fact]
    public void Regression_ConstantActuals_LeaveRSquaredNull()
    {
        var acc = new QualityAccumulator(Definition(ModelTask.Regression));
        acc.AddRegression(1, 5);
        acc.AddRegression(9, 5);
        Assert.Null(acc.Compute().RSquared);
    }

    [Theory]
    [InlineData(200)]
    [InlineData(20)]
    public void Binary_SeededSample_MatchesExactComputation_AucWithinItsBound(int scoreBins)
    {
        // A calibrated score: p ~ U(0,1) rounded to 1e-4 (so exact ties occur), label ~ Bernoulli(p).
        var rng = new SplitMix64(42);
        const int n = 20_000;
        var scores = new double[n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            scores[i] = Math.Round(rng.NextUniform(), 4);
            labels[i] = rng.NextUniform() < scores[i] ? 1 : 0;
        }

        var whole = new QualityAccumulator(Definition(ModelTask.BinaryClassification, scoreBins: scoreBins));
        var parts = Enumerable.Range(0, 4).Select(_ => new QualityAccumulator(Definition(ModelTask.BinaryClassification, scoreBins: scoreBins))).ToArray();
        for (int i = 0; i < n; i++)
        {
            whole.AddBinary(scores[i], labels[i]);
            parts[i % 4].AddBinary(scores[i], labels[i]);
        }

        var merged = new QualityAccumulator(Definition(ModelTask.BinaryClassification, scoreBins: scoreBins));
        foreach (var p in parts)
        {
            merged.Merge(p);
        }

        var m = whole.Compute();
        var mm = merged.Compute();

        // Offline: straight loops and a sort-based AUC with mid-ranks for ties.
        double correct = 0, logLoss = 0, brier = 0;
        for (int i = 0; i < n; i++)
        {
            int predicted = scores[i] >= 0.5 ? 1 : 0;
            correct += predicted == labels[i] ? 1 : 0;
            double pActual = labels[i] == 1 ? scores[i] : 1 - scores[i];
            logLoss -= Math.Log(Math.Clamp(pActual, 1e-15, 1 - 1e-15));
            brier += (scores[i] - labels[i]) * (scores[i] - labels[i]);
        }

        double exactAuc = ExactAuc(scores, labels);
        Tolerance.Close(correct / n, m.Accuracy!.Value, Exact, 0, "accuracy");
        Tolerance.Close(logLoss / n, m.LogLoss!.Value, 0, 1e-12, "log loss");
        Tolerance.Close(brier / n, m.BrierScore!.Value, 0, 1e-12, "Brier");
        Assert.True(
            Math.Abs(m.RocAuc!.Value - exactAuc) <= m.RocAucErrorBound!.Value + 1e-12,
            $"AUC {m.RocAuc} vs exact {exactAuc}: error {Math.Abs(m.RocAuc.Value - exactAuc)} exceeds the stated bound {m.RocAucErrorBound}");
        Assert.True(m.RocAucErrorBound < 2.0 / scoreBins, $"bound {m.RocAucErrorBound} with {scoreBins} bins");

        // A calibrated model: realised accuracy ≈ E[max(p, 1 − p)] = 0.75, ECE small.
        Assert.InRange(m.Accuracy!.Value, 0.74, 0.76);
        Assert.True(m.ExpectedCalibrationError < 0.02, $"ECE {m.ExpectedCalibrationError}");

        // Merging four interleaved parts gives the same metrics.
        Assert.Equal(m.ConfusionMatrix.ToArray(), mm.ConfusionMatrix.ToArray());
        Tolerance.Close(m.LogLoss.Value, mm.LogLoss!.Value, 0, 1e-12, "merged log loss");
        Tolerance.Close(m.RocAuc.Value, mm.RocAuc!.Value, Exact, 0, "merged AUC");
        Tolerance.Close(m.ExpectedCalibrationError!.Value, mm.ExpectedCalibrationError!.Value, Exact, 1e-12, "merged ECE");
    }

    [Fact]
    public void Multiclass_SeededSample_MatchesExactComputation()
    {
        var rng = new SplitMix64(7);
        const int k = 5, n = 10_000;
        var acc = new QualityAccumulator(Definition(ModelTask.MulticlassClassification, classes: k));
        var confusion = new long[k, k];
        double logLoss = 0;
        var p = new double[k];
        for (int i = 0; i < n; i++)
        {
            double sum = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] = rng.NextUniform() + (c == i % k ? 1.5 : 0);
                sum += p[c];
            }

            int predicted = 0;
            for (int c = 0; c < k; c++)
            {
                p[c] /= sum;
                predicted = p[c] > p[predicted] ? c : predicted;
            }

            int actual = rng.NextUniform() < 0.7 ? i % k : (int)(rng.NextUniform() * k);
            confusion[actual, predicted]++;
            logLoss -= Math.Log(p[actual]);
            acc.AddMulticlass(predicted, actual, p);
        }

        var m = acc.Compute();
        double f1Sum = 0;
        long correct = 0;
        for (int c = 0; c < k; c++)
        {
            long tp = confusion[c, c], predictedC = 0, support = 0;
            for (int j = 0; j < k; j++)
            {
                predictedC += confusion[j, c];
                support += confusion[c, j];
            }

            correct += tp;
            double precision = (double)tp / predictedC, recall = (double)tp / support;
            f1Sum += 2 * precision * recall / (precision + recall);
            Assert.Equal(support, m.Classes[c].Support);
        }

        Tolerance.Close((double)correct / n, m.Accuracy!.Value, Exact, 0, "accuracy");
        Tolerance.Close(f1Sum / k, m.F1!.Value, Exact, 1e-12, "macro F1");
        Tolerance.Close(logLoss / n, m.LogLoss!.Value, 0, 1e-12, "log loss");
    }

    [Fact]
    public void Regression_SeededSample_MatchesExactComputation_AndMerges()
    {
        var rng = new SplitMix64(9);
        const int n = 10_000;
        var whole = new QualityAccumulator(Definition(ModelTask.Regression));
        var a = new QualityAccumulator(Definition(ModelTask.Regression));
        var b = new QualityAccumulator(Definition(ModelTask.Regression));
        var ys = new double[n];
        double abs = 0, sq = 0, err = 0;
        for (int i = 0; i < n; i++)
        {
            double y = 1e6 + (100 * rng.NextNormal()); // a large offset: R² must not cancel away
            double yhat = y + (10 * rng.NextNormal()) + 1;
            ys[i] = y;
            abs += Math.Abs(yhat - y);
            sq += (yhat - y) * (yhat - y);
            err += yhat - y;
            whole.AddRegression(yhat, y);
            (i < n / 3 ? a : b).AddRegression(yhat, y);
        }

        double mean = ys.Average();
        double sst = ys.Sum(y => (y - mean) * (y - mean));
        a.Merge(b);
        foreach (var m in new[] { whole.Compute(), a.Compute() })
        {
            Tolerance.Close(abs / n, m.MeanAbsoluteError!.Value, 0, 1e-9, "MAE");
            Tolerance.Close(Math.Sqrt(sq / n), m.RootMeanSquaredError!.Value, 0, 1e-9, "RMSE");
            Tolerance.Close(err / n, m.MeanError!.Value, 1e-9, 1e-9, "bias");
            Tolerance.Close(1 - (sq / sst), m.RSquared!.Value, 1e-9, 0, "R²");
        }
    }

    /// <summary>P(score⁺ &gt; score⁻) + ½·P(tie), by sorting and mid-ranks (Mann–Whitney).</summary>
    private static double ExactAuc(double[] scores, int[] labels)
    {
        var order = Enumerable.Range(0, scores.Length).OrderBy(i => scores[i]).ToArray();
        var ranks = new double[scores.Length];
        for (int i = 0; i < order.Length;)
        {
            int j = i;
            while (j < order.Length && scores[order[j]] == scores[order[i]])
            {
                j++;
            }

            double midRank = ((i + 1) + j) / 2.0;
            for (int t = i; t < j; t++)
            {
                ranks[order[t]] = midRank;
            }

            i = j;
        }

        double positives = labels.Count(y => y == 1), negatives = labels.Length - positives;
        double rankSum = 0;
        for (int i = 0; i < labels.Length; i++)
        {
            rankSum += labels[i] == 1 ? ranks[i] : 0;
        }

        return (rankSum - (positives * (positives + 1) / 2)) / (positives * negatives);
    }
}
