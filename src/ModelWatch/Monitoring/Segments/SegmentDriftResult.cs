using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>One segment's part of a whole-model <see cref="DriftReport"/>: its verdict under the segment-wide correction and its own report.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(SegmentJsonConverter))]
[System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
public sealed class SegmentDriftResult
{
    internal SegmentDriftResult()
    {
    }

    /// <summary>Gets the segment's name: its value, values joined by <see cref="SegmentNames.Separator"/>, or <see cref="SegmentNames.Other"/>.</summary>
    public string Name { get; internal init; } = "";

    /// <summary>Gets whether the segment was judged in this window.</summary>
    public SegmentStatus Status { get; internal init; }

    /// <summary>Gets what the segment's window was compared with.</summary>
    public SegmentReferenceBasis Reference { get; internal init; }

    /// <summary>Gets the number of the segment's predictions in the window.</summary>
    public long Predictions { get; internal init; }

    /// <summary>
    /// Gets a value indicating whether the segment drifted: its dataset-level verdict over features, or its
    /// multivariate drift (<see cref="DriftReport.Multivariate"/> of <see cref="Report"/>), each test corrected across all segments.
    /// </summary>
    public bool IsDrift { get; internal init; }

    /// <summary>Gets the input features that drifted in the segment, after the segment-wide correction.</summary>
    public ImmutableArray<string> DriftedFeatures { get; internal init; } = [];

    /// <summary>Gets the smallest p-value of the segment's tests (its columns' and its multivariate test) after the segment-wide correction (null when none of its verdicts rests on a p-value or it was not judged).</summary>
    public double? SmallestAdjustedPValue { get; internal init; }

    /// <summary>
    /// Gets a classifier's label-free performance estimate for the segment's predictions in the window
    /// (its scores, calibrated as the model's are; null for other models). Drops are measured against
    /// the model's reference performance.
    /// </summary>
    public EstimatedPerformance? Estimated { get; internal init; }

    /// <summary>
    /// Gets the realised quality of the segment's predictions in the window, from the outcomes joined
    /// by the time of the report (null for a model without a task). Outcomes that arrive later count in
    /// the segment's arrival-window reports (<see cref="IModelWatch.GetLatestQualityReport(string, string)"/>).
    /// </summary>
    public QualityMetrics? Quality { get; internal set; }

    /// <summary>
    /// Gets the segment's own report of the window (its features' verdicts are those of the
    /// segment-wide correction). In a report from the history (<see cref="IModelWatch.GetHistory"/>,
    /// <see cref="IModelWatch.GetSegmentHistory"/>) it is compact: the window, counts and dataset
    /// verdict, without the per-feature reports (<see cref="DriftReport.Features"/> is empty); the
    /// latest report (<see cref="IModelWatch.GetLatestReport(string, string)"/>) has them in full.
    /// </summary>
    public DriftReport Report { get; internal init; } = null!;

    /// <summary>A copy for the history: the same result with a report without per-feature reports.</summary>
    internal SegmentDriftResult Compact() => new()
    {
        Name = Name,
        Status = Status,
        Reference = Reference,
        Predictions = Predictions,
        IsDrift = IsDrift,
        DriftedFeatures = DriftedFeatures,
        SmallestAdjustedPValue = SmallestAdjustedPValue,
        Estimated = Estimated,
        Quality = Quality,
        Report = Report.ForSegment(Name, Report.Dataset, features: []),
    };
}
