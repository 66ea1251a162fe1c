namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models/{model}/history</c>.</summary>
internal sealed record ModelHistoryJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<DriftReportJson> Drift,
    IReadOnlyList<QualityReportJson> Quality);
