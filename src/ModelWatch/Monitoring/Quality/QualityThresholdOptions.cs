namespace ModelWatch.Monitoring;

/// <summary>
/// A limit on one quality metric. A window breaks it when the metric is below <see cref="Minimum"/>,
/// above <see cref="Maximum"/>, or worse than the baseline by more than <see cref="MaxDrop"/>
/// ("worse" is lower for accuracy-like metrics, higher for losses and errors).
/// </summary>
public sealed class QualityThresholdOptions
{
    /// <summary>Gets or sets the metric; a threshold must name one.</summary>
    /// <value>The default value is null.</value>
    public QualityMetric? Metric { get; set; }

    /// <summary>Gets or sets the least acceptable value.</summary>
    /// <value>The default value is null.</value>
    public double? Minimum { get; set; }

    /// <summary>Gets or sets the largest acceptable value.</summary>
    /// <value>The default value is null.</value>
    public double? Maximum { get; set; }

    /// <summary>Gets or sets the largest acceptable worsening against the baseline, in the metric's units (0.05 = five accuracy points).</summary>
    /// <value>The default value is null.</value>
    public double? MaxDrop { get; set; }

    /// <summary>Gets or sets the baseline (e.g. the validation accuracy); null: measured over the reference period of production windows.</summary>
    /// <value>The default value is null.</value>
    public double? Baseline { get; set; }
}
