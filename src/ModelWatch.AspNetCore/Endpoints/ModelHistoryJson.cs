using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {prefix}/api/models/{model}/history</c>: one page (<see cref="HistoryPage"/>); the reports are
/// written by their own converters (<see cref="MonitoringJsonConverter"/>). <see cref="Next"/> and
/// <see cref="Previous"/>: the neighbouring pages (also in the <c>Link</c> header), null at either end.
/// </summary>
internal sealed record ModelHistoryJson(
    string Name,
    string CurrentVersion,
    IReadOnlyList<DriftReport> Drift,
    IReadOnlyList<QualityReport> Quality,
    string? Next,
    string? Previous);
