using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// Multivariate drift per segment: the whole model's fitted detector (its PCA) scores every row on
/// the logging path, into the row's segment; each segment's thresholds come from its own first
/// calibration windows, since a segment's mean error and its spread differ from the whole model's
/// (fewer rows, another population).
/// </summary>
/// <remarks>
/// A segment's verdict is a test like its features': the p-value of its window's mean error against
/// its calibration windows' (<see cref="MultivariateCalibration.PValue"/>) joins the segment-wide
/// correction, so hundreds of segments do not turn the 3·std band into a stream of false alarms.
/// Guarded by the monitor's collect lock.
/// </remarks>
internal sealed class SegmentMultivariate
{
    private readonly MultivariateCalibration?[] _calibrations;

    /// <param name="slots">Segment slots, <see cref="SegmentNames.Other"/> included.</param>
    /// <param name="windows">Complete windows (each with at least the segment's minimum predictions) that set a segment's thresholds.</param>
    public SegmentMultivariate(int slots, int windows)
    {
        _calibrations = new MultivariateCalibration?[slots];
        Windows = windows;
    }

    /// <summary>The calibration windows per segment.</summary>
    public int Windows { get; }

    /// <summary>A slot's calibration (created on first use).</summary>
    public MultivariateCalibration For(int slot) => _calibrations[slot] ??= new MultivariateCalibration(Windows);

    /// <summary>A slot's calibration, or null when it has none yet.</summary>
    public MultivariateCalibration? Of(int slot) => _calibrations[slot];

    /// <summary>Forgets a slot's calibration (its segment changed).</summary>
    public void Reset(int slot) => _calibrations[slot] = null;

    /// <summary>Forgets every calibration (a new detector: errors under the old one do not compare).</summary>
    public void Clear() => Array.Clear(_calibrations);

    /// <summary>
    /// A segment's window result before the correction: the error, its band and the segment's
    /// thresholds (none while calibrating), no verdict yet; the p-value once calibrated. A complete
    /// window with at least <paramref name="minPredictions"/> predictions then counts towards the
    /// calibration. Null without a detector or a scored row.
    /// </summary>
    public (MultivariateDriftResult? Result, double? PValue) Evaluate(int slot, WindowAccumulator window, bool complete, long minPredictions)
    {
        if (window.Layout.Multivariate is not { } definition || window.Reconstruction.Rows == 0)
        {
            return (null, null);
        }

        var calibration = For(slot);
        var result = MultivariateDriftResult.From(definition, calibration, in window.Reconstruction);
        double value = window.Reconstruction.Mean;
        double? p = calibration.PValue(value);
        if (complete && window.Events >= minPredictions)
        {
            calibration.Observe(value);
        }

        return (result is null ? null : WithVerdict(result, false), p);
    }

    /// <summary>A copy of a segment's result with the verdict of the segment-wide correction.</summary>
    public static MultivariateDriftResult WithVerdict(MultivariateDriftResult r, bool drifted) => new()
    {
        ReconstructionError = new ChunkMetric
        {
            Value = r.ReconstructionError.Value,
            SamplingError = r.ReconstructionError.SamplingError,
            LowerConfidenceBound = r.ReconstructionError.LowerConfidenceBound,
            UpperConfidenceBound = r.ReconstructionError.UpperConfidenceBound,
            LowerThreshold = r.ReconstructionError.LowerThreshold,
            UpperThreshold = r.ReconstructionError.UpperThreshold,
            Alert = drifted && !r.IsCalibrating,
        },
        Rows = r.Rows,
        SkippedRows = r.SkippedRows,
        ComponentCount = r.ComponentCount,
        IsCalibrating = r.IsCalibrating,
    };
}
