using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// The thresholds of a multivariate detector fitted on a production reference: without the reference's rows
/// there are no reference chunks to score, so the first complete windows after the fit play their part
/// (their mean errors, mean ± 3·std, as <see cref="ReferenceChunkThreshold"/> sets them from chunks).
/// </summary>
/// <remarks>Guarded by the monitor's collect lock (the evaluator's per-model step).</remarks>
internal sealed class MultivariateCalibration
{
    private readonly List<double> _errors = [];

    public MultivariateCalibration(int windows) => Windows = windows;

    /// <summary>The windows that set the thresholds.</summary>
    public int Windows { get; }

    /// <summary>The thresholds, once <see cref="Windows"/> windows were observed; null until then.</summary>
    public ThresholdBounds? Thresholds { get; private set; }

    public IReadOnlyList<double> Errors => _errors;

    /// <summary>Counts a complete window's mean error towards the thresholds (while they are not set).</summary>
    public void Observe(DriftReport report)
    {
        if (Thresholds is null && report.IsComplete && report.Multivariate is { Rows: > 0 } multivariate)
        {
            Observe(multivariate.ReconstructionError.Value);
        }
    }

    /// <summary>Counts a window's mean error towards the thresholds (while they are not set; a non-finite error is ignored).</summary>
    public void Observe(double meanError)
    {
        if (Thresholds is null && double.IsFinite(meanError))
        {
            _errors.Add(meanError);
            Complete();
        }
    }

    /// <summary>
    /// The p-value of a window's mean error against the calibration windows' (a Student-t prediction
    /// interval, <see cref="Drift.PredictionIntervalTest"/>), for tests corrected with others (segments); null until calibrated.
    /// </summary>
    public double? PValue(double meanError) => Thresholds is null ? null : Drift.PredictionIntervalTest.PValue(_errors, meanError);

    /// <summary>Continues from errors saved in a snapshot.</summary>
    public void Restore(IEnumerable<double> errors)
    {
        _errors.Clear();
        _errors.AddRange(errors.Take(Windows));
        Complete();
    }

    private void Complete()
    {
        if (_errors.Count == Windows)
        {
            Thresholds = ReferenceChunkThreshold.ReconstructionError.Compute(_errors);
        }
    }
}
