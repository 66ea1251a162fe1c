namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A <see cref="Monitoring.QualityReport"/>.</summary>
internal sealed record QualityReportJson(
    string ModelName,
    string ModelVersion,
    string Basis,
    bool IsComplete,
    long FirstSubWindow,
    long LastSubWindow,
    DateTimeOffset? WindowStart,
    DateTimeOffset? WindowEnd,
    DateTimeOffset EvaluatedAt,
    long Predictions,
    string Task,
    long Outcomes,
    QualityMetricsJson Metrics,
    double? EstimatedAccuracy,
    IReadOnlyList<QualityBreachJson> Breaches,
    bool ConceptDrift,
    bool IsDegraded);
