namespace ModelWatch.Monitoring;

/// <summary>
/// What confidence-based performance estimation (CBPE) needs of one window's predictions, labelled or
/// not: per class (the positive class of a binary model) the expected confusion matrix
/// TP = Σ p·[ŷ = c], FP = Σ (1 − p)·[ŷ = c], FN = Σ p·[ŷ ≠ c], TN = Σ (1 − p)·[ŷ ≠ c] from the calibrated
/// probabilities p, and the predictions' raw scores in equal-width bins with the calibrated
/// probability summed per bin, from which the estimated ROC AUC is read.
/// </summary>
/// <remarks>
/// Every part is a sum, so shards, sub-windows and replicas merge exactly. Memory: 16·B bytes per class
/// for B score bins (<see cref="QualityOptions.ScoreBins"/>), plus 32 bytes per class. Not thread-safe:
/// the lock of the shard (or the collect lock) guards it. <see cref="Add(double)"/> and
/// <see cref="Add(int, ReadOnlySpan{double})"/> allocate nothing.
/// </remarks>
internal sealed class EstimationAccumulator
{
    private readonly PerformanceEstimation _estimation;

    public EstimationAccumulator(PerformanceEstimation estimation)
    {
        _estimation = estimation;
        int groups = estimation.Groups;
        Expected = new double[groups * 4];
        BinCounts = new long[groups * estimation.Bins];
        BinProbability = new double[groups * estimation.Bins];
    }

    /// <summary>The estimation this accumulator feeds.</summary>
    public PerformanceEstimation Estimation => _estimation;

    /// <summary>Predictions that carried a usable score or probability row.</summary>
    public long Rows;

    /// <summary>Σ over rows of the calibrated probability of the predicted class (multiclass accuracy).</summary>
    public double PredictedProbabilitySum;

    /// <summary>Per class, the expected TP, FP, FN, TN (in that order).</summary>
    public readonly double[] Expected;

    /// <summary>Per class and raw-score bin, the number of rows.</summary>
    public readonly long[] BinCounts;

    /// <summary>Per class and raw-score bin, Σ calibrated probability.</summary>
    public readonly double[] BinProbability;

    public bool IsEmpty => Rows == 0;

    /// <summary>Adds a binary model's score (its probability of class 1); scores outside [0, 1] are margins, not probabilities, and are skipped.</summary>
    public void Add(double score)
    {
        if (!(score >= 0 && score <= 1))
        {
            return;
        }

        double p = _estimation.Calibrate(0, score);
        bool positive = score >= _estimation.DecisionThreshold;
        Rows++;
        PredictedProbabilitySum += positive ? p : 1 - p;
        AddToClass(0, score, p, positive);
    }

    /// <summary>
    /// Adds a multiclass prediction: <paramref name="predicted"/> is its class index, <paramref name="probabilities"/>
    /// one probability per class. Rows of the wrong width, with a value outside [0, 1] or NaN are skipped.
    /// </summary>
    public void Add(int predicted, ReadOnlySpan<double> probabilities)
    {
        int k = _estimation.Classes;
        if (probabilities.Length != k || (uint)predicted >= (uint)k)
        {
            return;
        }

        // Classes ≤ 1,024 (QualityOptions.Classes), so at most 8 KB of stack.
        Span<double> calibrated = stackalloc double[k];
        double sum = 0;
        for (int c = 0; c < k; c++)
        {
            double raw = probabilities[c];
            if (!(raw >= 0 && raw <= 1))
            {
                return;
            }

            calibrated[c] = _estimation.Calibrate(c, raw);
            sum += calibrated[c];
        }

        // One-vs-rest calibration, then each row renormalised to sum to 1 (uniform when all are 0), as NannyML does.
        for (int c = 0; c < k; c++)
        {
            calibrated[c] = sum == 0 ? 1.0 / k : calibrated[c] / sum;
        }

        Rows++;
        PredictedProbabilitySum += calibrated[predicted];
        for (int c = 0; c < k; c++)
        {
            AddToClass(c, probabilities[c], calibrated[c], predicted == c);
        }
    }

    private void AddToClass(int c, double raw, double p, bool predicted)
    {
        int cell = c * 4;
        if (predicted)
        {
            Expected[cell] += p;
            Expected[cell + 1] += 1 - p;
        }
        else
        {
            Expected[cell + 2] += p;
            Expected[cell + 3] += 1 - p;
        }

        int bins = _estimation.Bins;
        if (bins == 0)
        {
            return; // ROC AUC is not estimated
        }

        int bin = (c * bins) + Math.Min((int)(raw * bins), bins - 1);
        BinCounts[bin]++;
        BinProbability[bin] += p;
    }

    /// <summary>Adds another accumulator of the same estimation.</summary>
    public void Merge(EstimationAccumulator other)
    {
        Rows += other.Rows;
        PredictedProbabilitySum += other.PredictedProbabilitySum;
        CountArrays.AddInto(Expected, other.Expected);
        CountArrays.AddInto(BinCounts, other.BinCounts);
        CountArrays.AddInto(BinProbability, other.BinProbability);
    }

    /// <summary>Empties the accumulator for reuse.</summary>
    public void Reset()
    {
        Rows = 0;
        PredictedProbabilitySum = 0;
        Array.Clear(Expected);
        Array.Clear(BinCounts);
        Array.Clear(BinProbability);
    }
}
