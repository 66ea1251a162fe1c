namespace ModelWatch.Monitoring;

/// <summary>What one evaluation of one monitor produced, to publish and dispatch.</summary>
internal sealed class MonitorEvaluation
{
    /// <summary>Drift reports: every window closed since the last evaluation (oldest first), then the current one.</summary>
    public List<DriftReport> DriftReports { get; } = [];

    /// <summary>Quality reports of both bases.</summary>
    public List<QualityReport> QualityReports { get; } = [];

    /// <summary>Drift alerts raised or cleared.</summary>
    public List<DriftAlert> DriftAlerts { get; } = [];

    /// <summary>Quality alerts raised or cleared.</summary>
    public List<QualityAlert> QualityAlerts { get; } = [];

    /// <summary>Segments admitted in place of lighter ones at a window's close, with those they replaced.</summary>
    public List<(string Admitted, string Evicted)> SegmentReplacements { get; } = [];
}
