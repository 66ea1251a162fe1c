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
            _errors.Add(multivariate.ReconstructionError.Value);
            Complete();
        }
    }

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
