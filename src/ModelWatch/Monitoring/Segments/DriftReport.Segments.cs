using System.Collections.Immutable;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>A report's segment parts: which segment a report is about, and a whole-model report's results per segment.</summary>
public sealed partial class DriftReport
{
    /// <summary>Gets the segment this report is about (null: the whole model).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; internal init; }

    /// <summary>
    /// Gets a segmented model's results per segment in this window, most severe first (drifted
    /// segments, then by the share of drifted features, the smallest corrected p-value and the number
    /// of predictions); empty for a model without segments and in a segment's own report.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public ImmutableArray<SegmentDriftResult> Segments { get; internal set; } = [];

    /// <summary>
    /// Gets the share of the judged segments that drifted: the model-level signal of a segmented
    /// model (null when no segment was judged in this window).
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public double? DriftedSegmentShare
    {
        get
        {
            int judged = 0, drifted = 0;
            foreach (var s in Segments)
            {
                if (s.Status == SegmentStatus.Evaluated)
                {
                    judged++;
                    drifted += s.IsDrift ? 1 : 0;
                }
            }

            return judged == 0 ? null : (double)drifted / judged;
        }
    }

    /// <summary>
    /// A copy of this whole-model report for the history: the same whole-model parts, and each
    /// segment's result with a report that keeps the window, counts, dataset verdict and multivariate
    /// drift but not the per-feature reports (<see cref="SegmentDriftResult.Compact"/>).
    /// </summary>
    internal DriftReport WithCompactSegments()
    {
        var copy = Copy(Segment, Dataset, Features, Multivariate);
        copy.Segments = [.. Segments.Select(s => s.Compact())];
        return copy;
    }

    /// <summary>A copy of a segment's window report with the verdicts of the segment-wide correction and the segment's own multivariate drift.</summary>
    internal DriftReport ForSegment(string segment, DatasetDriftResult? dataset, MultivariateDriftResult? multivariate = null) => Copy(segment, dataset, Features, multivariate);

    /// <summary>A copy of a segment's report with other feature reports (none, for the history).</summary>
    internal DriftReport ForSegment(string segment, DatasetDriftResult? dataset, ImmutableArray<FeatureDriftReport> features) => Copy(segment, dataset, features, Multivariate);

    private DriftReport Copy(string? segment, DatasetDriftResult? dataset, ImmutableArray<FeatureDriftReport> features, MultivariateDriftResult? multivariate = null) => new()
    {
        ModelName = ModelName,
        ModelVersion = ModelVersion,
        ClassNames = ClassNames,
        Status = Status,
        IsComplete = IsComplete,
        FirstSubWindow = FirstSubWindow,
        LastSubWindow = LastSubWindow,
        WindowStart = WindowStart,
        WindowEnd = WindowEnd,
        EvaluatedAt = EvaluatedAt,
        Predictions = Predictions,
        SchemaViolations = SchemaViolations,
        FailedPredictions = FailedPredictions,
        MeanLatencySeconds = MeanLatencySeconds,
        MaxLatencySeconds = MaxLatencySeconds,
        Features = features,
        Dataset = dataset,
        Multivariate = multivariate,
        Segment = segment,
    };
}
