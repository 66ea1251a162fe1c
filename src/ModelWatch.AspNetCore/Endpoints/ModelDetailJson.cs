using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models/{model}</c>; the reports are written by their own converters (<see cref="MonitoringJsonConverter"/>).</summary>
internal sealed record ModelDetailJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<ModelVersionJson> Versions,
    AlertsJson Alerts,
    DriftReport? Drift,
    QualityReport? Quality);
