using System.Collections.Immutable;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluation of one window of one model: per-column drift, the dataset-level verdict, data
/// quality and prediction latency.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed partial class DriftReport : WindowReport
{
    /// <summary>Initializes a report; set its members with an object initializer.</summary>
    internal DriftReport()
    {
    }

    /// <summary>Initializes the report of a window of a model version (<see cref="Status"/> is set by the initializer).</summary>
    internal DriftReport(ModelDefinition model, long first, long last, bool complete, WindowClock? clock, DateTimeOffset now)
        : base(model, first, last, complete, clock, now)
    {
    }

    /// <summary>Gets what the report holds.</summary>
    public DriftReportStatus Status { get; internal init; }

    /// <summary>Gets the number of predictions in the window.</summary>
    public long Predictions { get; internal init; }

    /// <summary>Gets the number of calls rejected because their feature counts did not fit the schema.</summary>
    public long SchemaViolations { get; internal init; }

    /// <summary>Gets the number of predictions whose inference failed (from prediction scopes).</summary>
    public long FailedPredictions { get; internal init; }

    /// <summary>Gets the mean timed inference latency in seconds (NaN when nothing was timed).</summary>
    public double MeanLatencySeconds { get; internal init; } = double.NaN;

    /// <summary>Gets the largest timed inference latency in seconds (NaN when nothing was timed).</summary>
    public double MaxLatencySeconds { get; internal init; } = double.NaN;

    /// <summary>Gets the per-column results: input features first, then the prediction.</summary>
    public ImmutableArray<FeatureDriftReport> Features { get; internal init; } = [];

    /// <summary>Gets the dataset-level verdict over the input features (null when none could be evaluated).</summary>
    public DatasetDriftResult? Dataset { get; internal init; }

    /// <summary>
    /// Gets the window's multivariate drift (PCA reconstruction error) for a model that detects it
    /// (<see cref="ModelBuilder.DetectMultivariateDrift(Estimation.ReconstructionDrift)"/>); null otherwise or when no row could be scored.
    /// </summary>
    public MultivariateDriftResult? Multivariate { get; internal init; }

    /// <summary>Gets a value indicating whether the model's inputs drifted: the dataset-level verdict, or the multivariate one when the model has it.</summary>
    public bool IsDrift => (Dataset?.IsDrift ?? false) || (Multivariate?.IsDrift ?? false);

    /// <summary>Gets a value indicating whether the prediction's distribution drifted.</summary>
    public bool IsPredictionDrift => Features.Any(f => f.IsPrediction && f.IsDrift);

    /// <summary>A copy with other window bounds (profile comparisons, whose windows are not sub-window epochs).</summary>
    internal DriftReport WithWindow(DateTimeOffset? start, DateTimeOffset? end) => new()
    {
        ModelName = ModelName,
        ModelVersion = ModelVersion,
        ClassNames = ClassNames,
        Status = Status,
        IsComplete = IsComplete,
        FirstSubWindow = FirstSubWindow,
        LastSubWindow = LastSubWindow,
        WindowStart = start,
        WindowEnd = end,
        EvaluatedAt = EvaluatedAt,
        Predictions = Predictions,
        SchemaViolations = SchemaViolations,
        FailedPredictions = FailedPredictions,
        MeanLatencySeconds = MeanLatencySeconds,
        MaxLatencySeconds = MaxLatencySeconds,
        Features = Features,
        Dataset = Dataset,
        Multivariate = Multivariate,
        Segment = Segment,
        Segments = Segments,
    };
}
