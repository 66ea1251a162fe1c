using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// One metric of a window estimated without labels by CBPE: its value, confidence band, the thresholds
/// from the labelled reference's chunks, and whether it breaks them.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class EstimatedMetric
{
    internal EstimatedMetric()
    {
    }

    /// <summary>Gets the metric.</summary>
    public CbpeMetric Metric { get; internal init; }

    /// <summary>Gets the estimate; NaN where it is undefined (ROC AUC when the expected positives or negatives are 0).</summary>
    public double Value { get; internal init; }

    /// <summary>Gets the standard error of the estimate from the reference (NannyML's formulas), or null without a labelled reference.</summary>
    public double? SamplingError { get; internal init; }

    /// <summary>Gets <see cref="Value"/> − 3·<see cref="SamplingError"/>, not below 0; null without a sampling error.</summary>
    public double? LowerConfidenceBound { get; internal init; }

    /// <summary>Gets <see cref="Value"/> + 3·<see cref="SamplingError"/>, not above 1; null without a sampling error.</summary>
    public double? UpperConfidenceBound { get; internal init; }

    /// <summary>Gets the lower threshold: mean − 3·std of the metric over the reference's chunks, not below 0; null without a labelled reference.</summary>
    public double? LowerThreshold { get; internal init; }

    /// <summary>Gets the upper threshold: mean + 3·std over the reference's chunks, not above 1; null without a labelled reference.</summary>
    public double? UpperThreshold { get; internal init; }

    /// <summary>Gets a value indicating whether the estimate is strictly outside the thresholds (NannyML's alert rule, either side).</summary>
    public bool Alert { get; internal init; }

    /// <summary>Gets a value indicating whether the estimate fell strictly below its lower threshold: a drop, what raises an estimated-quality alert.</summary>
    public bool IsDrop => LowerThreshold is double lower && Value < lower;

    /// <summary>
    /// Gets, for ROC AUC, the bound on |<see cref="Value"/> − the row-by-row estimate| that reading the
    /// ranking from <see cref="QualityOptions.ScoreBins"/> score bins adds: ½·Σ_b TP_b·FP_b / (TP·FP),
    /// over the bins' expected positives and negatives; null for the other metrics, which are exact.
    /// </summary>
    public double? BinningErrorBound { get; internal init; }
}
