namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>One model in the list: its versions, its latest verdict, its alerts and (a segmented model) the segments whose alert is active.</summary>
internal sealed record ModelSummaryJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<ModelVersionJson> Versions,
    string Status,
    bool? IsDrift,
    IReadOnlyList<string> DriftedFeatures,
    AlertsJson Alerts,
    DateTimeOffset? LastEvaluatedAt,
    long? Predictions,
    IReadOnlyList<string>? AlertingSegments);
