namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models/{model}</c>.</summary>
internal sealed record ModelDetailJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<ModelVersionJson> Versions,
    AlertsJson Alerts,
    DriftReportJson? Drift,
    QualityReportJson? Quality);
