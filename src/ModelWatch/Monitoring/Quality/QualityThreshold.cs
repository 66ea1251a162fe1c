namespace ModelWatch.Monitoring;

/// <summary>A validated quality limit (see <see cref="QualityThresholdOptions"/>).</summary>
public sealed class QualityThreshold
{
    internal QualityThreshold()
    {
    }

    /// <summary>Gets the metric.</summary>
    public QualityMetric Metric { get; internal init; }

    /// <summary>Gets the least acceptable value.</summary>
    public double? Minimum { get; internal init; }

    /// <summary>Gets the largest acceptable value.</summary>
    public double? Maximum { get; internal init; }

    /// <summary>Gets the largest acceptable worsening against the baseline.</summary>
    public double? MaxDrop { get; internal init; }

    /// <summary>Gets the given baseline, or null for the reference period's.</summary>
    public double? Baseline { get; internal init; }
}
