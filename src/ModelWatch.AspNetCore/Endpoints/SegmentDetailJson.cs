using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// <c>GET {prefix}/api/models/{model}/segments/{segment}</c>: one segment's latest report (null before
/// its first), its alerts, and its newest realised-quality report by outcome arrival (null without outcomes).
/// </summary>
internal sealed record SegmentDetailJson(
    string Name,
    string CurrentVersion,
    string Segment,
    DriftReport? Drift,
    AlertsJson Alerts,
    QualityReport? Quality);
