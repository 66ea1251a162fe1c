using System.Collections.Immutable;
using ModelWatch.Estimation;

namespace ModelWatch.Monitoring;

/// <summary>
/// A classifier's performance in one window estimated without labels by confidence-based performance
/// estimation (CBPE, docs/estimation.md): from the model's own probabilities, calibrated on a labelled
/// reference when one was supplied (<see cref="ModelBuilder.EstimatePerformance(CbpeReference, CbpeOptions?)"/>).
/// </summary>
/// <remarks>
/// The estimate follows changes of the inputs (covariate shift) but cannot see a change of the relation
/// between inputs and labels (concept shift): compare it with the realised metrics once labels arrive.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class EstimatedPerformance
{
    internal EstimatedPerformance()
    {
    }

    /// <summary>Gets the predictions the estimate is made from: those that carried a score in [0, 1] or a full row of class probabilities.</summary>
    public long Rows { get; internal init; }

    /// <summary>
    /// Gets a value indicating whether a labelled reference was supplied: then the probabilities are
    /// calibrated on it (as its calibration rule decided) and the metrics carry sampling errors and thresholds.
    /// Without one the raw probabilities are taken as calibrated, there are no errors or thresholds, and
    /// ROC AUC is not estimated.
    /// </summary>
    public bool FromReference { get; internal init; }

    /// <summary>Gets the estimated metrics: accuracy, precision, recall, specificity, F1 and (with a reference) ROC AUC, macro-averaged for multiclass.</summary>
    public ImmutableArray<EstimatedMetric> Metrics { get; internal init; } = [];

    /// <summary>Gets a value indicating whether any estimated metric fell below its lower threshold.</summary>
    public bool IsDegraded => Metrics.Any(m => m.IsDrop);

    /// <summary>Gets an estimated metric.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Its estimate, or null when it is not estimated.</returns>
    public EstimatedMetric? Get(CbpeMetric metric)
    {
        foreach (var m in Metrics)
        {
            if (m.Metric == metric)
            {
                return m;
            }
        }

        return null;
    }
}
