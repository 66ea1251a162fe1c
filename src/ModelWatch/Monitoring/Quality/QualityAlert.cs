using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// A quality alert: raised when a model's realised quality degrades (a broken threshold sustained, or
/// concept drift), or — <see cref="IsEstimated"/> — when its label-free estimate falls below the
/// thresholds of its labelled reference; cleared when it recovers. The two are separate alerts with
/// one hysteresis each. Its <see cref="ModelAlert.At"/> is the window's end for time windows.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class QualityAlert : ModelAlert
{
    /// <summary>Gets the report that raised or cleared the alert: an arrival-window report, or a prediction-time one for an estimated-quality alert.</summary>
    public required QualityReport Report { get; init; }

    /// <summary>Gets why it was raised: the broken thresholds, "concept drift" when the detector fired, or the estimates below their thresholds.</summary>
    public required ImmutableArray<string> Reasons { get; init; }

    /// <summary>Gets a value indicating whether the alert is about the label-free estimate (<see cref="QualityReport.Estimated"/>) rather than realised quality.</summary>
    public bool IsEstimated { get; init; }

    /// <summary>Gets the segment the alert is about (null: the whole model); its <see cref="Report"/> is then the segment's.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; init; }
}
