namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A <see cref="Monitoring.DriftReport"/>.</summary>
internal sealed record DriftReportJson(
    string ModelName,
    string ModelVersion,
    string Status,
    bool IsComplete,
    long FirstSubWindow,
    long LastSubWindow,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    DateTimeOffset EvaluatedAt,
    bool IsDrift,
    bool IsPredictionDrift,
    DatasetDriftJson? Dataset,
    DataQualityJson DataQuality,
    double? MeanLatencySeconds,
    double? MaxLatencySeconds,
    double? EstimatedAccuracy,
    IReadOnlyList<FeatureDriftJson> Features);
