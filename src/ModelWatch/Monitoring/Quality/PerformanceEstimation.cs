using System.Collections.Immutable;
using System.Text.Json;
using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// A classifier's confidence-based performance estimation (CBPE) in the runtime: the calibrators,
/// sampling-error components and reference-chunk thresholds of a <see cref="Cbpe"/> fitted on a labelled
/// reference (or none: raw probabilities, no errors, no thresholds), applied to the sums an
/// <see cref="EstimationAccumulator"/> gathers per window.
/// </summary>
/// <remarks>
/// Every estimate but ROC AUC and average precision is exactly what <see cref="Cbpe.Estimate(double[], int[])"/> gives on the
/// window's rows (up to the order of floating-point addition). ROC AUC is read from raw-score bins: a
/// bin's rows are treated as tied, which moves the estimate by at most
/// <see cref="EstimatedMetric.BinningErrorBound"/> = ½·Σ_b TP_b·FP_b / (TP·FP) (TP_b, FP_b the bin's
/// expected positives and negatives) from NannyML's row-by-row value, which also rounds its running sums to 5 decimals.
/// Average precision is read from the same bins, each bin's precision taken at its end (as for tied scores);
/// a row's precision inside its bin lies between the bin's lowest and highest possible precision, which bounds
/// the difference (<see cref="AveragePrecision"/>). The confusion-matrix counts stay batch-only: a count grows
/// with the window's size, and runtime windows (time windows above all) are not the reference's chunk size,
/// so its thresholds would judge the traffic, not the model.
/// </remarks>
internal sealed class PerformanceEstimation
{
    /// <summary>The metrics the runtime estimates, in report order; the confusion-matrix counts are batch-only.</summary>
    private static readonly CbpeMetric[] RuntimeMetrics =
        [CbpeMetric.Accuracy, CbpeMetric.Precision, CbpeMetric.Recall, CbpeMetric.Specificity, CbpeMetric.F1, CbpeMetric.RocAuc, CbpeMetric.AveragePrecision];

    private static readonly ThresholdBounds NoThresholds = new();

    private readonly IsotonicCalibrator?[] _calibrators;
    private readonly Cbpe? _estimator;

    public PerformanceEstimation(ModelTask task, int classes, double decisionThreshold, int scoreBins, Cbpe? estimator)
    {
        IsBinary = task == ModelTask.BinaryClassification;
        Classes = classes;
        Groups = IsBinary ? 1 : classes;
        DecisionThreshold = decisionThreshold;
        _estimator = estimator;
        if (estimator is null)
        {
            // Without a labelled reference ROC AUC would rank uncalibrated probabilities against
            // themselves: too little to pay K·bins of memory per window for.
            Metrics = [.. RuntimeMetrics.Where(m => m is not (CbpeMetric.RocAuc or CbpeMetric.AveragePrecision))];
            _calibrators = new IsotonicCalibrator?[Groups];
        }
        else
        {
            IReadOnlyList<CbpeMetric> fitted = IsBinary ? estimator.Binary!.Metrics : estimator.Multiclass!.Metrics;
            Metrics = [.. RuntimeMetrics.Where(fitted.Contains)];
            _calibrators = IsBinary ? [estimator.Binary!.Calibrator] : [.. estimator.Multiclass!.Calibrators];
        }

        Bins = Metrics.Contains(CbpeMetric.RocAuc) || Metrics.Contains(CbpeMetric.AveragePrecision) ? scoreBins : 0;
    }

    public bool IsBinary { get; }

    /// <summary>The classes: 2 for a binary model.</summary>
    public int Classes { get; }

    /// <summary>The classes tracked one-vs-rest: the positive class of a binary model, every class of a multiclass one.</summary>
    public int Groups { get; }

    public double DecisionThreshold { get; }

    /// <summary>Raw-score bins per class (0 when ROC AUC is not estimated).</summary>
    public int Bins { get; }

    public ImmutableArray<CbpeMetric> Metrics { get; }

    /// <summary>Whether a labelled reference was supplied.</summary>
    public bool FromReference => _estimator is not null;

    /// <summary>The calibrated probability of class <paramref name="group"/> (the positive class of a binary model).</summary>
    public double Calibrate(int group, double raw) => _calibrators[group] is { } calibrator ? calibrator.Predict(raw) : raw;

    /// <summary>The metric's name in telemetry: <c>estimated_accuracy</c>, <c>estimated_f1</c>, <c>estimated_roc_auc</c>…</summary>
    public static string TelemetryName(CbpeMetric metric) => "estimated_" + JsonNamingPolicy.SnakeCaseLower.ConvertName(metric.ToString());

    /// <summary>The window's estimates, or null when no prediction carried probabilities.</summary>
    public EstimatedPerformance? Estimate(EstimationAccumulator? window)
    {
        if (window is null || window.Rows == 0)
        {
            return null;
        }

        int rows = (int)Math.Min(window.Rows, int.MaxValue);
        var metrics = ImmutableArray.CreateBuilder<EstimatedMetric>(Metrics.Length);
        foreach (CbpeMetric metric in Metrics)
        {
            (double value, double? bound) = metric switch
            {
                CbpeMetric.RocAuc => RocAuc(window),
                CbpeMetric.AveragePrecision => AveragePrecision(window),
                CbpeMetric.Accuracy when !IsBinary => (window.PredictedProbabilitySum / window.Rows, null),
                _ => (MacroConfusion(window, metric, rows), (double?)null),
            };

            double? samplingError = _estimator is null ? null
                : IsBinary ? _estimator.Binary!.SamplingError(metric, rows)
                : _estimator.Multiclass!.SamplingError(metric, rows);
            ThresholdBounds thresholds = _estimator is null ? NoThresholds
                : IsBinary ? _estimator.Binary!.Thresholds[metric]
                : _estimator.Multiclass!.Thresholds[metric];
            ChunkMetric m = CbpeChunk.Metric(metric, value, samplingError, thresholds);
            metrics.Add(new EstimatedMetric
            {
                Metric = metric,
                Value = m.Value,
                SamplingError = m.SamplingError,
                LowerConfidenceBound = m.LowerConfidenceBound,
                UpperConfidenceBound = m.UpperConfidenceBound,
                LowerThreshold = m.LowerThreshold,
                UpperThreshold = m.UpperThreshold,
                Alert = m.Alert,
                BinningErrorBound = bound,
            });
        }

        return new EstimatedPerformance { Rows = window.Rows, FromReference = FromReference, Metrics = metrics.MoveToImmutable() };
    }

    /// <summary>A confusion-matrix metric: the binary one, or the macro average over the classes one-vs-rest.</summary>
    private double MacroConfusion(EstimationAccumulator window, CbpeMetric metric, int rows)
    {
        double total = 0;
        for (int c = 0; c < Groups; c++)
        {
            int cell = c * 4;
            var confusion = new Confusion(window.Expected[cell], window.Expected[cell + 1], window.Expected[cell + 2], window.Expected[cell + 3]);
            total += confusion.Estimate(metric, rows);
        }

        return total / Groups;
    }

    /// <summary>
    /// NannyML's estimated average precision of a binary model (rows ranked by raw score, descending; each
    /// adds its calibrated p / TP to the recall, weighted by the precision reached at that row), with every
    /// bin a tied group whose precision is read at its end. A row inside bin b (TP⁺ expected positives and
    /// N⁺ rows above it, S_b and n_b in it) has a precision in [TP⁺ / (N⁺ + max(1, n_b − S_b)),
    /// (TP⁺ + S_b) / (N⁺ + max(1, S_b))] whatever the order inside the bin (the ratio is monotone in the row's
    /// place between those extremes, since TP⁺ ≤ N⁺), so the bound is Σ_b (S_b / TP) · the larger distance from
    /// the bin's end precision to either side.
    /// </summary>
    private (double Value, double? Bound) AveragePrecision(EstimationAccumulator window)
    {
        double tp = 0;
        for (int b = 0; b < Bins; b++)
        {
            tp += window.BinProbability[b];
        }

        if (!(tp > 0))
        {
            return (double.NaN, null);
        }

        double value = 0, bound = 0, tpAbove = 0, rowsAbove = 0;
        for (int b = Bins - 1; b >= 0; b--)
        {
            double s = window.BinProbability[b];
            double n = window.BinCounts[b];
            if (n == 0)
            {
                continue;
            }

            double atEnd = (tpAbove + s) / (rowsAbove + n);
            // Row k of the bin has x_k expected positives before it with max(0, S_b − (n_b − k)) ≤ x_k ≤ min(S_b, k).
            double lowest = tpAbove / (rowsAbove + Math.Max(1, n - s));
            double highest = (tpAbove + s) / (rowsAbove + Math.Max(1, s));
            value += s / tp * atEnd;
            bound += s / tp * Math.Max(atEnd - lowest, highest - atEnd);
            tpAbove += s;
            rowsAbove += n;
        }

        return (value, bound);
    }

    /// <summary>
    /// NannyML's estimated ROC AUC (rows ranked by raw score, descending; each adds its calibrated p to
    /// the expected true positives and 1 − p to the false positives; trapezoids under the curve),
    /// with every bin a tied group; macro average over the classes of a multiclass model.
    /// </summary>
    private (double Value, double? Bound) RocAuc(EstimationAccumulator window)
    {
        double total = 0, bound = 0;
        for (int c = 0; c < Groups; c++)
        {
            double tp = 0, fp = 0;
            int offset = c * Bins;
            for (int b = 0; b < Bins; b++)
            {
                tp += window.BinProbability[offset + b];
                fp += window.BinCounts[offset + b] - window.BinProbability[offset + b];
            }

            if (!(tp > 0 && fp > 0))
            {
                return (double.NaN, null);
            }

            double area = 0, sameBin = 0, tpAbove = 0;
            for (int b = Bins - 1; b >= 0; b--)
            {
                double s = window.BinProbability[offset + b];
                double f = window.BinCounts[offset + b] - s;
                area += f * (tpAbove + (0.5 * s));
                sameBin += s * f;
                tpAbove += s;
            }

            total += area / (tp * fp);
            bound += 0.5 * sameBin / (tp * fp);
        }

        return (total / Groups, bound / Groups);
    }
}
