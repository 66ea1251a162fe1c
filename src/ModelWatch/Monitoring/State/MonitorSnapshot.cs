using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// The JSON shape of a monitor snapshot, format version 1 (docs/persistence.md): the frozen
/// reference, running totals, the sub-windows not yet reported away, what was gathered towards a
/// production reference, and the alert state. Fields are optional so a damaged file is reported
/// clearly instead of half-restored.
/// </summary>
internal sealed class MonitorSnapshot
{
    public const string FormatName = "modelwatch-monitor-snapshot";
    public const int CurrentFormatVersion = 1;

    public string? Format { get; set; }

    public int FormatVersion { get; set; }

    public string? ModelName { get; set; }

    public string? ModelVersion { get; set; }

    public DateTimeOffset SavedAt { get; set; }

    /// <summary>
    /// Counts this replica's saves of the monitor: of two snapshots saved at the same time (a clock
    /// that did not move between them), the later save has the larger number. 0 in snapshots written
    /// before it existed.
    /// </summary>
    public long Sequence { get; set; }

    /// <summary>Where epoch 0 starts (UTC ticks) when the windows are aligned to the first event (or its day or week); null otherwise.</summary>
    public long? WindowOrigin { get; set; }

    public ReferenceSnapshot? Reference { get; set; }

    public TotalsSnapshot? Totals { get; set; }

    public List<WindowSnapshot>? Windows { get; set; }

    public WindowSnapshot? PreReference { get; set; }

    public AlertSnapshot? Alerts { get; set; }

    public QualitySnapshot? Quality { get; set; }

    /// <summary>The fingerprint of the multivariate detector the windows' reconstruction sums were made with; null without one.</summary>
    public long? MultivariateFingerprint { get; set; }

    /// <summary>The co-moments a multivariate detector was fitted from on the production reference; null otherwise.</summary>
    public Estimation.EncodedCoMomentsSnapshot? MultivariateReference { get; set; }

    /// <summary>The mean errors of the calibration windows seen so far (a detector fitted on the production reference).</summary>
    public double[]? MultivariateCalibration { get; set; }
    /// <summary>A segmented model's tracked segments in admission order, with their sub-windows not yet reported away.</summary>
    public List<SegmentSnapshot>? Segments { get; set; }

    /// <summary>The drifted-segment share alert's state (a segmented model's; null otherwise).</summary>
    public AlertSnapshot? SegmentShareAlert { get; set; }
}

internal sealed class QualitySnapshot
{
    public Dictionary<long, QualityAccumulatorSnapshot>? ByPrediction { get; set; }

    public Dictionary<long, QualityAccumulatorSnapshot>? ByArrival { get; set; }

    public AlertSnapshot? Alert { get; set; }

    public QualityAccumulatorSnapshot? Baseline { get; set; }

    public int BaselineWindows { get; set; }

    public double PreChangeError { get; set; } = double.NaN;

    public double[]? ConceptShift { get; set; }

    /// <summary>The estimated-quality alert and the last prediction-time window it saw close.</summary>
    public AlertSnapshot? EstimateAlert { get; set; }

    public List<PendingSnapshot>? Pending { get; set; }

    /// <summary>Realised quality per segment (a segmented model's; null otherwise).</summary>
    public List<SegmentQualitySnapshot>? Segments { get; set; }

    public long[]? Counters { get; set; }
}

internal sealed class QualityAccumulatorSnapshot
{
    public long Outcomes { get; set; }

    public long Predictions { get; set; }

    public EstimationSnapshot? Estimation { get; set; }

    public long[]? Confusion { get; set; }

    public long ProbabilisticOutcomes { get; set; }

    public double LogLossSum { get; set; }

    public double BrierSum { get; set; }

    public long[]? CalibrationCount { get; set; }

    public double[]? CalibrationConfidence { get; set; }

    public long[]? CalibrationCorrect { get; set; }

    public long[]? PositiveScores { get; set; }

    public long[]? NegativeScores { get; set; }

    public double AbsoluteErrorSum { get; set; }

    public double SquaredErrorSum { get; set; }

    public double ErrorSum { get; set; }

    public double PercentageErrorSum { get; set; }

    public long PercentageErrorCount { get; set; }

    public long ZeroActuals { get; set; }

    public MomentsSnapshot? Actuals { get; set; }
}

/// <summary>A held prediction (or early outcome) of the pending store.</summary>
internal sealed class PendingSnapshot
{
    public string? Id { get; set; }

    public long Ticks { get; set; }

    public long Epoch { get; set; }

    public double Value { get; set; }

    public int State { get; set; }

    public double[]? Probabilities { get; set; }

    /// <summary>The segment slot the prediction was logged in (null: none; slots keep their places across a restore).</summary>
    public int? Segment { get; set; }
}

internal sealed class ReferenceSnapshot
{
    public long Rows { get; set; }

    public int Bins { get; set; }

    public int PsiBins { get; set; }

    public List<NumericReferenceSnapshot>? Numeric { get; set; }

    public List<CategoricalReferenceSnapshot>? Categorical { get; set; }
}

internal sealed class NumericReferenceSnapshot
{
    public string? Name { get; set; }

    public double[]? Edges { get; set; }

    public long[]? Counts { get; set; }

    public double[]? PsiEdges { get; set; }

    public long Missing { get; set; }

    public long NonFinite { get; set; }

    public double Mean { get; set; }

    public double StandardDeviation { get; set; }

    public double Min { get; set; }

    public double Max { get; set; }

    /// <summary>
    /// The counts' rank error; absent in snapshots written before it was recorded, which then assume
    /// the default sketch's bound (every reference built from a sketch used the default K).
    /// </summary>
    public double? RankError { get; set; }

    /// <summary>The reference's sorted values, when it keeps them for exact detectors.</summary>
    public double[]? Values { get; set; }
}

internal sealed class CategoricalReferenceSnapshot
{
    public string? Name { get; set; }

    public string[]? Categories { get; set; }

    public long[]? Counts { get; set; }

    public long Missing { get; set; }
}

internal sealed class TotalsSnapshot
{
    public long Events { get; set; }

    public long SchemaViolations { get; set; }

    public long Errors { get; set; }

    public long Unseen { get; set; }

    /// <summary>Rows whose event time was too far ahead of the clock (absent before 0.2: none).</summary>
    public long InvalidTimes { get; set; }

    public long[]? NumericMissing { get; set; }

    public long[]? NumericNonFinite { get; set; }

    public long[]? NumericOutOfRange { get; set; }

    public long[]? CategoricalMissing { get; set; }
}

internal sealed class WindowSnapshot
{
    public long Epoch { get; set; }

    public long Events { get; set; }

    public long SchemaViolations { get; set; }

    public long Errors { get; set; }

    public long LatencyCount { get; set; }

    public double LatencySum { get; set; }

    public double LatencyMax { get; set; }

    public long UnseenCategories { get; set; }

    public EstimationSnapshot? Estimation { get; set; }

    /// <summary>The window's reconstruction-error sums (models with multivariate drift); null when empty.</summary>
    public ReconstructionSnapshot? Reconstruction { get; set; }

    /// <summary>The co-moments gathered with a production reference for a multivariate detector; null otherwise.</summary>
    public Estimation.EncodedCoMomentsSnapshot? CoMoments { get; set; }

    public List<CellSnapshot>? Numeric { get; set; }

    public long[]? Bins { get; set; }

    public long[]? Buckets { get; set; }

    public long[]? CategoricalMissing { get; set; }

    public List<CategoryCountsSnapshot>? Categories { get; set; }

    public List<QuantileSketchSnapshot>? Sketches { get; set; }

    /// <summary>Per numeric column, the raw values the window kept for exact detectors, or null where it kept none or overflowed.</summary>
    public List<double[]?>? Samples { get; set; }

    /// <summary>Full moments per numeric column (windows that keep profiles only).</summary>
    public List<MomentsSnapshot>? Moments { get; set; }
}

internal sealed class CellSnapshot
{
    public long Count { get; set; }

    public long Missing { get; set; }

    public long NonFinite { get; set; }

    public long OutOfRange { get; set; }

    public double Center { get; set; }

    public double Sum1 { get; set; }

    public double Sum2 { get; set; }

    public double Min { get; set; }

    public double Max { get; set; }
}

internal sealed class AlertSnapshot
{
    public long ReportedThrough { get; set; }

    public long ConsecutiveDrifted { get; set; }

    public long ConsecutiveClean { get; set; }

    public bool AlertActive { get; set; }

    public DateTimeOffset? LastRaised { get; set; }
}

/// <summary>A window's <see cref="ReconstructionSums"/> in a monitor snapshot.</summary>
internal sealed class ReconstructionSnapshot
{
    public long Rows { get; set; }

    public double Sum { get; set; }

    public double Compensation { get; set; }

    public double Squares { get; set; }

    public long Skipped { get; set; }

    public static ReconstructionSnapshot? From(in ReconstructionSums s) => s.Rows == 0 && s.Skipped == 0 ? null : new()
    {
        Rows = s.Rows,
        Sum = s.Sum,
        Compensation = s.Compensation,
        Squares = s.Squares,
        Skipped = s.Skipped,
    };

    public ReconstructionSums ToSums() => new() { Rows = Rows, Sum = Sum, Compensation = Compensation, Squares = Squares, Skipped = Skipped };
}
