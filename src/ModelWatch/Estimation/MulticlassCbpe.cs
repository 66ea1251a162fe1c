namespace ModelWatch.Estimation;

/// <summary>
/// CBPE for a multiclass model (NannyML's <c>CBPE</c> with <c>problem_type='classification_multiclass'</c>):
/// one-vs-rest calibration per class, rows renormalised to sum to 1, macro averages of the binary
/// estimates over the classes.
/// </summary>
internal sealed class MulticlassCbpe
{
    /// <summary>The ROC AUC sampling error of the macro average is inflated by this factor in NannyML.</summary>
    private const double RocAucErrorFactor = 1.2;

    private readonly int _classes;
    private readonly IReadOnlyList<CbpeMetric> _metrics;
    private readonly Chunking _chunking;
    private readonly IsotonicCalibrator?[] _calibrators;
    private readonly Dictionary<CbpeMetric, (double Variance, double Fraction)[]> _components;
    private readonly double _accuracyStd;
    private readonly Dictionary<CbpeMetric, ThresholdBounds> _thresholds;

    private MulticlassCbpe(
        int classes,
        IReadOnlyList<CbpeMetric> metrics,
        Chunking chunking,
        IsotonicCalibrator?[] calibrators,
        CalibrationDecision.Outcome?[] decisions,
        Dictionary<CbpeMetric, (double Variance, double Fraction)[]> components,
        double accuracyStd,
        Dictionary<CbpeMetric, double[]> realized,
        Dictionary<CbpeMetric, ThresholdBounds> thresholds)
    {
        _classes = classes;
        _metrics = metrics;
        _chunking = chunking;
        _calibrators = calibrators;
        Decisions = decisions;
        _components = components;
        _accuracyStd = accuracyStd;
        ReferenceChunkRealized = realized;
        _thresholds = thresholds;
    }

    public IReadOnlyList<IsotonicCalibrator?> Calibrators => _calibrators;

    /// <summary>The metrics this estimator was fitted for.</summary>
    public IReadOnlyList<CbpeMetric> Metrics => _metrics;

    public IReadOnlyList<CalibrationDecision.Outcome?> Decisions { get; }

    public IReadOnlyDictionary<CbpeMetric, (double Variance, double Fraction)[]> Components => _components;

    public double AccuracyStd => _accuracyStd;

    public IReadOnlyDictionary<CbpeMetric, double[]> ReferenceChunkRealized { get; }

    public IReadOnlyDictionary<CbpeMetric, ThresholdBounds> Thresholds => _thresholds;

    public static MulticlassCbpe Fit(CbpeReference reference, CbpeOptions options, IReadOnlyList<CbpeMetric> metrics)
    {
        int k = reference.ClassCount;
        int n = reference.RowCount;
        int[] predictions = reference.Predictions;
        int[] labels = reference.Labels;
        double[][] columns = Columns(reference.Probabilities, k);

        var components = new Dictionary<CbpeMetric, (double, double)[]>();
        foreach (CbpeMetric metric in metrics)
        {
            if (metric != CbpeMetric.Accuracy)
            {
                components[metric] = [.. Enumerable.Range(0, k).Select(c => Component(metric, c, columns[c], predictions, labels))];
            }
        }

        int correct = 0;
        for (int row = 0; row < n; row++)
        {
            correct += labels[row] == predictions[row] ? 1 : 0;
        }

        double accuracyStd = Math.Sqrt(SamplingErrorComponents.BernoulliVariance(correct, n - correct));

        var realized = new Dictionary<CbpeMetric, double[]>();
        var thresholds = new Dictionary<CbpeMetric, ThresholdBounds>();
        IReadOnlyList<DataChunk> chunks = options.Chunking.Split(n);
        foreach (CbpeMetric metric in metrics)
        {
            double[] values = [.. chunks.Select(chunk => Realized(metric, k, columns, predictions, labels, chunk))];
            realized[metric] = values;
            thresholds[metric] = ReferenceChunkThreshold.Rate.Compute(values);
        }

        var calibrators = new IsotonicCalibrator?[k];
        var decisions = new CalibrationDecision.Outcome?[k];
        for (int c = 0; c < k; c++)
        {
            int[] target = Array.ConvertAll(labels, label => label == c ? 1 : 0);
            bool calibrate = options.CalibrationDecisions is { } forced ? forced[c] : options.Calibration == CbpeCalibration.Always;
            if (options.CalibrationDecisions is null && options.Calibration == CbpeCalibration.Auto)
            {
                IReadOnlyList<int[]> splits = options.ClassSplitTestIndices?[c] ?? SeededStratifiedSplits.Create(target);
                decisions[c] = CalibrationDecision.Decide(columns[c], target, splits);
                calibrate = decisions[c]!.Value.Calibrate;
            }

            if (calibrate)
            {
                calibrators[c] = IsotonicCalibrator.Fit(columns[c], target, Enumerable.Range(0, n).ToArray());
            }
        }

        return new MulticlassCbpe(k, metrics, options.Chunking, calibrators, decisions, components, accuracyStd, realized, thresholds);
    }

    /// <summary>
    /// The calibrated probabilities, one column per class: each class's calibrator (or the raw column),
    /// then every row divided by its sum; a row whose calibrated values are all 0 becomes uniform.
    /// </summary>
    public double[][] Calibrate(double[][] probabilities)
    {
        int n = probabilities.Length;
        double[][] calibrated = Columns(probabilities, _classes);
        for (int c = 0; c < _classes; c++)
        {
            if (_calibrators[c] is { } calibrator)
            {
                double[] column = calibrated[c];
                for (int row = 0; row < n; row++)
                {
                    column[row] = calibrator.Predict(column[row]);
                }
            }
        }

        for (int row = 0; row < n; row++)
        {
            double sum = 0;
            for (int c = 0; c < _classes; c++)
            {
                sum += calibrated[c][row];
            }

            for (int c = 0; c < _classes; c++)
            {
                calibrated[c][row] = sum == 0 ? 1.0 / _classes : calibrated[c][row] / sum;
            }
        }

        return calibrated;
    }

    public IReadOnlyList<CbpeChunk> Estimate(double[][] probabilities, int[] predictions)
    {
        double[][] raw = Columns(probabilities, _classes);
        double[][] calibrated = Calibrate(probabilities);
        var results = new List<CbpeChunk>();
        foreach (DataChunk chunk in _chunking.Split(probabilities.Length))
        {
            var values = new Dictionary<CbpeMetric, ChunkMetric>();
            foreach (CbpeMetric metric in _metrics)
            {
                double value = EstimateMetric(metric, raw, calibrated, predictions, chunk.FirstRow, chunk.RowCount);
                values[metric] = CbpeChunk.Metric(metric, value, SamplingError(metric, chunk.RowCount), _thresholds[metric]);
            }

            results.Add(new CbpeChunk { Chunk = chunk, Metrics = values });
        }

        return results;
    }

    private double EstimateMetric(CbpeMetric metric, double[][] raw, double[][] calibrated, int[] predictions, int start, int rows)
    {
        if (metric == CbpeMetric.Accuracy)
        {
            // The mean calibrated probability of the predicted class.
            double sum = 0;
            for (int row = start; row < start + rows; row++)
            {
                sum += calibrated[predictions[row]][row];
            }

            return sum / rows;
        }

        double total = 0;
        for (int c = 0; c < _classes; c++)
        {
            int cls = c;
            total += metric == CbpeMetric.RocAuc
                ? RankingEstimates.Estimate(raw[c], calibrated[c], start, rows).RocAuc
                : Confusion.Expected(calibrated[c], row => predictions[row] == cls, start, rows).Estimate(metric, rows);
        }

        return total / _classes;
    }

    /// <summary>NannyML's macro sampling error: √(Σ_k var_k / (n·fraction_k)) / K (× 1.2 for ROC AUC); accuracy: std / √n.</summary>
    internal double SamplingError(CbpeMetric metric, int rows)
    {
        if (metric == CbpeMetric.Accuracy)
        {
            return _accuracyStd / Math.Sqrt(rows);
        }

        double sum = 0;
        foreach ((double variance, double fraction) in _components[metric])
        {
            sum += variance / (rows * fraction);
        }

        double error = Math.Sqrt(sum) / _classes;
        return metric == CbpeMetric.RocAuc ? error * RocAucErrorFactor : error;
    }

    /// <summary>A class's component on the one-vs-rest target: the variance of a 0/1 list and its share of rows (no F1 correcting factor, unlike binary).</summary>
    private static (double Variance, double Fraction) Component(CbpeMetric metric, int cls, double[] column, int[] predictions, int[] labels)
    {
        int n = labels.Length;
        var c = Confusion.Realized(row => labels[row] == cls, row => predictions[row] == cls, 0, n);
        return metric switch
        {
            CbpeMetric.Precision => (SamplingErrorComponents.BernoulliVariance(c.TruePositive, c.FalsePositive), (c.TruePositive + c.FalsePositive) / n),
            CbpeMetric.Recall => (SamplingErrorComponents.BernoulliVariance(c.TruePositive, c.FalseNegative), (c.TruePositive + c.FalseNegative) / n),
            CbpeMetric.Specificity => (SamplingErrorComponents.BernoulliVariance(c.TrueNegative, c.FalsePositive), (c.TrueNegative + c.FalsePositive) / n),
            CbpeMetric.F1 => (SamplingErrorComponents.BernoulliVariance(c.TruePositive, c.FalseNegative + c.FalsePositive), (c.TruePositive + c.FalseNegative + c.FalsePositive) / n),
            CbpeMetric.RocAuc => SamplingErrorComponents.RocAuc(column, row => labels[row] == cls, n),
            _ => (double.NaN, double.NaN),
        };
    }

    /// <summary>
    /// The realized macro metric of one reference chunk: NaN when its labels or predictions hold fewer
    /// than two classes; ROC AUC (on the raw columns) also NaN unless every class occurs among the labels.
    /// </summary>
    private static double Realized(CbpeMetric metric, int k, double[][] columns, int[] predictions, int[] labels, DataChunk chunk)
    {
        int start = chunk.FirstRow;
        int rows = chunk.RowCount;
        if (BinaryCbpe.HasOneValue(labels, start, rows) || BinaryCbpe.HasOneValue(predictions, start, rows))
        {
            return double.NaN;
        }

        if (metric == CbpeMetric.Accuracy)
        {
            int correct = 0;
            for (int row = start; row < start + rows; row++)
            {
                correct += labels[row] == predictions[row] ? 1 : 0;
            }

            return (double)correct / rows;
        }

        double total = 0;
        for (int c = 0; c < k; c++)
        {
            int cls = c;
            if (metric == CbpeMetric.RocAuc)
            {
                int[] target = Array.ConvertAll(labels, label => label == cls ? 1 : 0);
                total += RealizedMetrics.RocAuc(columns[c], target, start, rows);
                continue;
            }

            var counts = Confusion.Realized(row => labels[row] == cls, row => predictions[row] == cls, start, rows);
            total += metric == CbpeMetric.Specificity
                ? (counts.TrueNegative + counts.FalsePositive == 0 ? 0 : counts.TrueNegative / (counts.TrueNegative + counts.FalsePositive))
                : RealizedMetrics.FromCounts(metric, counts, singleClass: false);
        }

        return total / k;
    }

    /// <summary>Rows × classes to one array per class.</summary>
    private static double[][] Columns(double[][] rows, int classes)
    {
        var columns = new double[classes][];
        for (int c = 0; c < classes; c++)
        {
            columns[c] = new double[rows.Length];
            for (int row = 0; row < rows.Length; row++)
            {
                columns[c][row] = rows[row][c];
            }
        }

        return columns;
    }
}
