namespace ModelWatch.Monitoring;

/// <summary>
/// A limit on one quality metric. A window breaks it when the metric is below <see cref="Minimum"/>,
/// above <see cref="Maximum"/>, or worse than the baseline by more than <see cref="MaxDrop"/>
/// ("worse" is lower for accuracy-like metrics, higher for losses and errors).
/// </summary>
public sealed class QualityThresholdOptions
{
    /// <summary>Gets or sets the metric's name, one of <see cref="QualityMetric"/>.</summary>
    public string Metric { get; set; } = string.Empty;

    /// <summary>Gets or sets the least acceptable value.</summary>
    public double? Minimum { get; set; }

    /// <summary>Gets or sets the largest acceptable value.</summary>
    public double? Maximum { get; set; }

    /// <summary>Gets or sets the largest acceptable worsening against the baseline, in the metric's units (0.05 = five accuracy points).</summary>
    public double? MaxDrop { get; set; }

    /// <summary>Gets or sets the baseline (e.g. the validation accuracy); null: measured over the reference period of production windows.</summary>
    public double? Baseline { get; set; }
}
