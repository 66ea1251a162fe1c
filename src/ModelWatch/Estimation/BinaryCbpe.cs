namespace ModelWatch.Estimation;

/// <summary>CBPE for a binary model, fitted on a reference (NannyML's <c>CBPE</c> with <c>problem_type='classification_binary'</c>).</summary>
internal sealed class BinaryCbpe
{
    private readonly IReadOnlyList<CbpeMetric> _metrics;
    private readonly Chunking _chunking;
    private readonly Dictionary<CbpeMetric, (double Std, double Fraction)> _components;
    private readonly Dictionary<CbpeMetric, ThresholdBounds> _thresholds;

    private BinaryCbpe(
        IReadOnlyList<CbpeMetric> metrics,
        Chunking chunking,
        Dictionary<CbpeMetric, (double Std, double Fraction)> components,
        Dictionary<CbpeMetric, double[]> realized,
        Dictionary<CbpeMetric, ThresholdBounds> thresholds,
        CalibrationDecision.Outcome? decision,
        IsotonicCalibrator? calibrator)
    {
        _metrics = metrics;
        _chunking = chunking;
        _components = components;
        ReferenceChunkRealized = realized;
        _thresholds = thresholds;
        Decision = decision;
        Calibrator = calibrator;
    }

    public IsotonicCalibrator? Calibrator { get; }

    /// <summary>The metrics this estimator was fitted for.</summary>
    public IReadOnlyList<CbpeMetric> Metrics => _metrics;

    /// <summary>The Auto rule's outcome, or null when the mode was forced.</summary>
    public CalibrationDecision.Outcome? Decision { get; }

    public IReadOnlyDictionary<CbpeMetric, (double Std, double Fraction)> Components => _components;

    public IReadOnlyDictionary<CbpeMetric, double[]> ReferenceChunkRealized { get; }

    public IReadOnlyDictionary<CbpeMetric, ThresholdBounds> Thresholds => _thresholds;

    /// <summary>The fit in NannyML's order: sampling-error components and thresholds from the raw reference, then calibration.</summary>
    public static BinaryCbpe Fit(CbpeReference reference, CbpeOptions options, IReadOnlyList<CbpeMetric> metrics)
    {
        double[] scores = reference.Scores;
        int[] predictions = reference.Predictions;
        int[] labels = reference.Labels;
        int n = reference.RowCount;

        var components = new Dictionary<CbpeMetric, (double, double)>();
        var realized = new Dictionary<CbpeMetric, double[]>();
        var thresholds = new Dictionary<CbpeMetric, ThresholdBounds>();
        var counts = Confusion.Realized(row => labels[row] == 1, row => predictions[row] == 1, 0, n);
        IReadOnlyList<DataChunk> chunks = options.Chunking.Split(n);
        foreach (CbpeMetric metric in metrics)
        {
            components[metric] = Component(metric, counts, scores, labels, n);
            double[] values = [.. chunks.Select(c => Realized(metric, scores, predictions, labels, c))];
            realized[metric] = values;
            thresholds[metric] = Policy(metric).Compute(values);
        }

        CalibrationDecision.Outcome? decision = null;
        bool calibrate = options.CalibrationDecisions is { } forced
            ? forced[0]
            : options.Calibration == CbpeCalibration.Always;
        if (options.CalibrationDecisions is null && options.Calibration == CbpeCalibration.Auto)
        {
            decision = CalibrationDecision.Decide(scores, labels, options.SplitTestIndices ?? SeededStratifiedSplits.Create(labels));
            calibrate = decision.Value.Calibrate;
        }

        // A single-class reference has nothing to calibrate against (NannyML never calibrates it).
        bool singleClass = counts.TruePositive + counts.FalseNegative is 0 || counts.TrueNegative + counts.FalsePositive is 0;
        IsotonicCalibrator? calibrator = calibrate && !singleClass
            ? IsotonicCalibrator.Fit(scores, labels, Enumerable.Range(0, n).ToArray())
            : null;
        return new BinaryCbpe(metrics, options.Chunking, components, realized, thresholds, decision, calibrator);
    }

    public double[] Calibrate(double[] scores) =>
        Calibrator is { } calibrator ? Array.ConvertAll(scores, calibrator.Predict) : scores;

    public IReadOnlyList<CbpeChunk> Estimate(double[] scores, int[] predictions)
    {
        double[] probabilities = Calibrate(scores);
        var results = new List<CbpeChunk>();
        foreach (DataChunk chunk in _chunking.Split(scores.Length))
        {
            int start = chunk.FirstRow;
            int rows = chunk.RowCount;
            var confusion = Confusion.Expected(probabilities, row => predictions[row] == 1, start, rows);
            (double rocAuc, double averagePrecision) = _metrics.Contains(CbpeMetric.RocAuc) || _metrics.Contains(CbpeMetric.AveragePrecision)
                ? RankingEstimates.Estimate(scores, probabilities, start, rows)
                : (double.NaN, double.NaN);

            var values = new Dictionary<CbpeMetric, ChunkMetric>();
            foreach (CbpeMetric metric in _metrics)
            {
                double value = metric switch
                {
                    CbpeMetric.RocAuc => rocAuc,
                    CbpeMetric.AveragePrecision => averagePrecision,
                    _ => confusion.Estimate(metric, rows),
                };
                values[metric] = CbpeChunk.Metric(metric, value, SamplingError(metric, rows), _thresholds[metric]);
            }

            results.Add(new CbpeChunk { Chunk = chunk, Metrics = values });
        }

        return results;
    }

    /// <summary>The sampling error of a metric over a chunk (or window) of <paramref name="rows"/> rows.</summary>
    internal double? SamplingError(CbpeMetric metric, int rows)
    {
        if (metric == CbpeMetric.AveragePrecision)
        {
            // NannyML bootstraps it with an unseeded generator: not reproducible, so not reported.
            return null;
        }

        (double std, double fraction) = _components[metric];
        return CbpeChunk.IsCount(metric)
            ? std / Math.Sqrt(rows) * rows
            : std / Math.Sqrt(rows * fraction);
    }

    private static ReferenceChunkThreshold Policy(CbpeMetric metric) =>
        CbpeChunk.IsCount(metric) ? ReferenceChunkThreshold.Count : ReferenceChunkThreshold.Rate;

    /// <summary>The sampling-error component of a metric (§4.6 of the oracle README): the std of a 0/1 (or 0/cf) list and its share of rows.</summary>
    private static (double Std, double Fraction) Component(CbpeMetric metric, Confusion c, double[] scores, int[] labels, int n)
    {
        static double Std(double ones, double zeros) => Math.Sqrt(SamplingErrorComponents.BernoulliVariance(ones, zeros));

        switch (metric)
        {
            case CbpeMetric.Accuracy:
                return (Std(c.TruePositive + c.TrueNegative, c.FalsePositive + c.FalseNegative), 1);
            case CbpeMetric.Precision:
                return (Std(c.TruePositive, c.FalsePositive), (c.TruePositive + c.FalsePositive) / n);
            case CbpeMetric.Recall:
                return (Std(c.TruePositive, c.FalseNegative), (c.TruePositive + c.FalseNegative) / n);
            case CbpeMetric.Specificity:
                return (Std(c.TrueNegative, c.FalsePositive), (c.TrueNegative + c.FalsePositive) / n);
            case CbpeMetric.F1:
            {
                // NannyML scales the TP entries by cf = (TP + FN + FP) / (TP + ½(FN + FP)); the std of the
                // list [cf]·TP + [0]·(FN + FP) is cf times the 0/1 list's.
                double involved = c.TruePositive + c.FalseNegative + c.FalsePositive;
                if (involved == 0)
                {
                    return (double.NaN, 0);
                }

                double factor = involved / ((0.5 * (c.FalseNegative + c.FalsePositive)) + c.TruePositive);
                return (factor * Std(c.TruePositive, c.FalseNegative + c.FalsePositive), involved / n);
            }

            case CbpeMetric.RocAuc:
            {
                (double variance, double fraction) = SamplingErrorComponents.RocAuc(scores, row => labels[row] == 1, n);
                return (Math.Sqrt(variance), fraction);
            }

            case CbpeMetric.TruePositive:
                return (Std(c.TruePositive, n - c.TruePositive), 1);
            case CbpeMetric.TrueNegative:
                return (Std(c.TrueNegative, n - c.TrueNegative), 1);
            case CbpeMetric.FalsePositive:
                return (Std(c.FalsePositive, n - c.FalsePositive), 1);
            case CbpeMetric.FalseNegative:
                return (Std(c.FalseNegative, n - c.FalseNegative), 1);
            default:
                return (double.NaN, double.NaN);
        }
    }

    /// <summary>The realized metric of one reference chunk, from which the thresholds come (ROC AUC and AP on the raw score).</summary>
    private static double Realized(CbpeMetric metric, double[] scores, int[] predictions, int[] labels, DataChunk chunk)
    {
        int start = chunk.FirstRow;
        int rows = chunk.RowCount;
        switch (metric)
        {
            case CbpeMetric.RocAuc:
                return RealizedMetrics.RocAuc(scores, labels, start, rows);
            case CbpeMetric.AveragePrecision:
                return RealizedMetrics.AveragePrecision(scores, labels, start, rows);
            default:
                var counts = Confusion.Realized(row => labels[row] == 1, row => predictions[row] == 1, start, rows);
                bool singleClass = HasOneValue(labels, start, rows) || HasOneValue(predictions, start, rows);
                return RealizedMetrics.FromCounts(metric, counts, singleClass);
        }
    }

    internal static bool HasOneValue(int[] values, int start, int rows)
    {
        for (int row = start + 1; row < start + rows; row++)
        {
            if (values[row] != values[start])
            {
                return false;
            }
        }

        return true;
    }
}
