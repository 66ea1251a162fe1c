using System.Collections.Immutable;
using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// The labeled outcomes of one window: a confusion matrix, probabilistic sums, score and
/// calibration bins (classification) or error sums (regression). Every part merges by addition, so
/// shards, sub-windows and replicas combine exactly; <see cref="Compute"/> turns it into metrics.
/// </summary>
/// <remarks>Not thread-safe: an outcome shard's lock guards the accumulator it writes.</remarks>
internal sealed class QualityAccumulator : IEpochAccumulator<QualityAccumulator>
{
    /// <summary>Log loss clips probabilities to [ε, 1 − ε] so a confident mistake costs ln(1/ε) ≈ 34.5, not infinity.</summary>
    internal const double LogLossEpsilon = 1e-15;

    private readonly QualityDefinition _definition;

    /// <summary>What the model declared: task, classes, threshold.</summary>
    public QualityDefinition Definition => _definition;

    public QualityAccumulator(QualityDefinition definition)
    {
        _definition = definition;
        int k = definition.Classes;
        Confusion = new long[k * k];
        CalibrationCount = new long[definition.IsClassification ? definition.CalibrationBins : 0];
        CalibrationConfidence = new double[CalibrationCount.Length];
        CalibrationCorrect = new long[CalibrationCount.Length];
        int scoreBins = definition.Task == ModelTask.BinaryClassification ? definition.ScoreBins : 0;
        PositiveScores = new long[scoreBins];
        NegativeScores = new long[scoreBins];
        if (definition.Estimation is { } estimation)
        {
            Estimation = new EstimationAccumulator(estimation);
        }

        Reset(long.MinValue);
    }

    /// <summary>The sub-window this accumulator belongs to.</summary>
    public long Epoch { get; set; }

    /// <summary>Outcomes scored.</summary>
    public long Outcomes;

    /// <summary>Predictions made in the window (prediction-time basis; filled from the drift accumulators).</summary>
    public long Predictions;

    /// <summary>The sums of the label-free performance estimate over all predictions, labeled or not (prediction-time basis; classifiers).</summary>
    public readonly EstimationAccumulator? Estimation;

    public readonly long[] Confusion;
    public long ProbabilisticOutcomes;
    public double LogLossSum;
    public double BrierSum;
    public readonly long[] CalibrationCount;
    public readonly double[] CalibrationConfidence;
    public readonly long[] CalibrationCorrect;
    public readonly long[] PositiveScores;
    public readonly long[] NegativeScores;

    public double AbsoluteErrorSum;
    public double SquaredErrorSum;
    public double ErrorSum;
    public double PercentageErrorSum;
    public long PercentageErrorCount;
    public long ZeroActuals;
    public MomentsState Actuals;

    public bool IsEmpty => Outcomes == 0 && Predictions == 0 && (Estimation?.IsEmpty ?? true);

    /// <summary>Scores a binary outcome. <paramref name="score"/> is finite; <paramref name="actual"/> is 0 or 1.</summary>
    public void AddBinary(double score, int actual)
    {
        int predicted = score >= _definition.DecisionThreshold ? 1 : 0;
        Outcomes++;
        Confusion[(actual * 2) + predicted]++;
        int bins = PositiveScores.Length;
        int bin = score <= 0 ? 0 : score >= 1 ? bins - 1 : Math.Min((int)(score * bins), bins - 1);
        (actual == 1 ? PositiveScores : NegativeScores)[bin]++;
        if (score is >= 0 and <= 1)
        {
            // A score in [0, 1] is read as P(class 1); outside it is a margin, not a probability.
            double pActual = actual == 1 ? score : 1 - score;
            double pPredicted = predicted == 1 ? score : 1 - score;
            AddProbabilistic(pActual, (score - actual) * (score - actual), pPredicted, predicted == actual);
        }
    }

    /// <summary>
    /// Scores a multiclass outcome: <paramref name="predicted"/> and <paramref name="actual"/> are class
    /// indexes; <paramref name="probabilities"/> is empty or holds one probability per class.
    /// </summary>
    public void AddMulticlass(int predicted, int actual, ReadOnlySpan<double> probabilities)
    {
        int k = _definition.Classes;
        Outcomes++;
        Confusion[(actual * k) + predicted]++;
        if (probabilities.Length == k)
        {
            double brier = 0;
            for (int c = 0; c < k; c++)
            {
                double d = probabilities[c] - (c == actual ? 1 : 0);
                brier += d * d;
            }

            AddProbabilistic(probabilities[actual], brier, probabilities[predicted], predicted == actual);
        }
    }

    /// <summary>Scores a regression outcome; both values are finite.</summary>
    public void AddRegression(double prediction, double actual)
    {
        Outcomes++;
        double error = prediction - actual;
        AbsoluteErrorSum += Math.Abs(error);
        SquaredErrorSum += error * error;
        ErrorSum += error;
        if (actual == 0)
        {
            ZeroActuals++;
        }
        else
        {
            PercentageErrorSum += Math.Abs(error / actual);
            PercentageErrorCount++;
        }

        Actuals.Add(actual);
    }

    private void AddProbabilistic(double pActual, double brier, double confidence, bool correct)
    {
        ProbabilisticOutcomes++;
        LogLossSum -= Math.Log(Math.Clamp(pActual, LogLossEpsilon, 1 - LogLossEpsilon));
        BrierSum += brier;
        int bins = CalibrationCount.Length;
        int bin = Math.Clamp((int)(confidence * bins), 0, bins - 1);
        CalibrationCount[bin]++;
        CalibrationConfidence[bin] += confidence;
        CalibrationCorrect[bin] += correct ? 1 : 0;
    }

    /// <summary>Adds another accumulator of the same model.</summary>
    public void Merge(QualityAccumulator other)
    {
        Outcomes += other.Outcomes;
        Predictions += other.Predictions;
        if (other.Estimation is not null)
        {
            Estimation?.Merge(other.Estimation);
        }

        CountArrays.AddInto(Confusion, other.Confusion);
        ProbabilisticOutcomes += other.ProbabilisticOutcomes;
        LogLossSum += other.LogLossSum;
        BrierSum += other.BrierSum;
        CountArrays.AddInto(CalibrationCount, other.CalibrationCount);
        CountArrays.AddInto(CalibrationConfidence, other.CalibrationConfidence);
        CountArrays.AddInto(CalibrationCorrect, other.CalibrationCorrect);
        CountArrays.AddInto(PositiveScores, other.PositiveScores);
        CountArrays.AddInto(NegativeScores, other.NegativeScores);
        AbsoluteErrorSum += other.AbsoluteErrorSum;
        SquaredErrorSum += other.SquaredErrorSum;
        ErrorSum += other.ErrorSum;
        PercentageErrorSum += other.PercentageErrorSum;
        PercentageErrorCount += other.PercentageErrorCount;
        ZeroActuals += other.ZeroActuals;
        Actuals.Merge(in other.Actuals);
    }

    /// <summary>Empties the accumulator for reuse.</summary>
    public void Reset(long epoch)
    {
        Epoch = epoch;
        Outcomes = Predictions = ProbabilisticOutcomes = PercentageErrorCount = ZeroActuals = 0;
        LogLossSum = BrierSum = AbsoluteErrorSum = SquaredErrorSum = ErrorSum = PercentageErrorSum = 0;
        Array.Clear(Confusion);
        Array.Clear(CalibrationCount);
        Array.Clear(CalibrationConfidence);
        Array.Clear(CalibrationCorrect);
        Array.Clear(PositiveScores);
        Array.Clear(NegativeScores);
        Actuals = MomentsState.Empty;
        Estimation?.Reset();
    }

    /// <summary>Computes the window's metrics.</summary>
    public QualityMetrics Compute()
    {
        var task = _definition.Task;
        if (Outcomes == 0)
        {
            return new QualityMetrics { Task = task, Outcomes = 0 };
        }

        return _definition.IsClassification ? ComputeClassification() : ComputeRegression();
    }

    private QualityMetrics ComputeClassification()
    {
        int k = _definition.Classes;
        long correct = 0;
        var classes = ImmutableArray.CreateBuilder<ClassQuality>(k);
        for (int c = 0; c < k; c++)
        {
            long tp = Confusion[(c * k) + c];
            long support = 0, predicted = 0;
            for (int j = 0; j < k; j++)
            {
                support += Confusion[(c * k) + j];
                predicted += Confusion[(j * k) + c];
            }

            correct += tp;
            // scikit-learn's zero_division=0, one rule for every view: a ratio with nothing to divide
            // by is 0; F1 is 2·TP / (predicted + support), 0 when the class neither occurs nor is predicted.
            double precision = predicted == 0 ? 0 : (double)tp / predicted;
            double recall = support == 0 ? 0 : (double)tp / support;
            double f1 = predicted + support == 0 ? 0 : 2.0 * tp / (predicted + support);
            classes.Add(new ClassQuality { ClassIndex = c, Support = support, Predicted = predicted, Precision = precision, Recall = recall, F1 = f1 });
        }

        var perClass = classes.MoveToImmutable();
        bool binary = _definition.Task == ModelTask.BinaryClassification;
        double? Pick(Func<ClassQuality, double> value) => binary ? value(perClass[1]) : MacroAverage(perClass, value);
        long p = ProbabilisticOutcomes;
        var (auc, bound) = binary ? RocAuc() : (null, null);
        return new QualityMetrics
        {
            Task = _definition.Task,
            Outcomes = Outcomes,
            Accuracy = (double)correct / Outcomes,
            Precision = Pick(c => c.Precision),
            Recall = Pick(c => c.Recall),
            F1 = Pick(c => c.F1),
            Classes = perClass,
            ConfusionMatrix = [.. Confusion],
            ProbabilisticOutcomes = p,
            LogLoss = p == 0 ? null : LogLossSum / p,
            BrierScore = p == 0 ? null : BrierSum / p,
            ExpectedCalibrationError = p == 0 ? null : CalibrationError(),
            RocAuc = auc,
            RocAucErrorBound = bound,
        };
    }

    private double CalibrationError()
    {
        // Σ_b (n_b / N)·|accuracy_b − confidence_b| = Σ_b |correct_b − Σconfidence_b| / N.
        double sum = 0;
        for (int b = 0; b < CalibrationCount.Length; b++)
        {
            sum += Math.Abs(CalibrationCorrect[b] - CalibrationConfidence[b]);
        }

        return sum / ProbabilisticOutcomes;
    }

    /// <summary>
    /// AUC = P(score of a positive > score of a negative) + ½·P(tie), from the score bins: pairs in
    /// different bins are ordered exactly; pairs in one bin count ½, so the error is at most half
    /// their share.
    /// </summary>
    private (double? Auc, double? Bound) RocAuc()
    {
        double positives = 0, negatives = 0;
        foreach (long n in PositiveScores)
        {
            positives += n;
        }

        foreach (long n in NegativeScores)
        {
            negatives += n;
        }

        if (positives == 0 || negatives == 0)
        {
            return (null, null);
        }

        double below = 0, ordered = 0, sameBin = 0;
        for (int b = 0; b < PositiveScores.Length; b++)
        {
            double pos = PositiveScores[b], neg = NegativeScores[b];
            ordered += pos * below;
            sameBin += pos * neg;
            below += neg;
        }

        double pairs = positives * negatives;
        return ((ordered + (0.5 * sameBin)) / pairs, 0.5 * sameBin / pairs);
    }

    private QualityMetrics ComputeRegression()
    {
        long n = Outcomes;
        double sst = Actuals.PopulationVariance * n;
        return new QualityMetrics
        {
            Task = _definition.Task,
            Outcomes = n,
            MeanAbsoluteError = AbsoluteErrorSum / n,
            RootMeanSquaredError = Math.Sqrt(SquaredErrorSum / n),
            MeanAbsolutePercentageError = PercentageErrorCount == 0 ? null : PercentageErrorSum / PercentageErrorCount,
            ZeroActuals = ZeroActuals,
            RSquared = sst > 0 ? 1 - (SquaredErrorSum / sst) : null,
            MeanError = ErrorSum / n,
        };
    }

    /// <summary>
    /// The unweighted mean over the classes that occur (as an outcome or a prediction) —
    /// scikit-learn's <c>average="macro"</c> with <c>zero_division=0</c>: a class never predicted
    /// counts with precision 0 rather than dropping out, which would inflate the average.
    /// </summary>
    private static double? MacroAverage(ImmutableArray<ClassQuality> classes, Func<ClassQuality, double> value)
    {
        double sum = 0;
        int count = 0;
        foreach (var c in classes)
        {
            if (c.Support == 0 && c.Predicted == 0)
            {
                continue;
            }

            sum += value(c);
            count++;
        }

        return count == 0 ? null : sum / count;
    }
}
