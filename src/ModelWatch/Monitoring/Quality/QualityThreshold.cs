namespace ModelWatch.Monitoring;

/// <summary>A validated quality limit (see <see cref="QualityThresholdOptions"/>).</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Minimum">The least acceptable value.</param>
/// <param name="Maximum">The largest acceptable value.</param>
/// <param name="MaxDrop">The largest acceptable worsening against the baseline.</param>
/// <param name="Baseline">The given baseline, or null for the reference period's.</param>
public sealed record QualityThreshold(QualityMetric Metric, double? Minimum, double? Maximum, double? MaxDrop, double? Baseline);
