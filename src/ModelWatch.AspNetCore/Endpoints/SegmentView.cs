using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>One segment's state read once per request: its latest drift report, its latest realised-quality report, its alerts and its history.</summary>
internal sealed record SegmentView(DriftReport? Latest, QualityReport? Quality, AlertsJson Alerts, IReadOnlyList<SegmentDriftResult> History);
