using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary><c>GET {prefix}/api/models/{model}/history</c>; the reports are written by their own converters (<see cref="MonitoringJsonConverter"/>).</summary>
internal sealed record ModelHistoryJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<DriftReport> Drift,
    IReadOnlyList<QualityReport> Quality);
