using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>A drift alert: raised after sustained drift, cleared after sustained calm.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class DriftAlert : ModelAlert
{
    /// <summary>Gets the report of the window that raised or cleared the alert.</summary>
    public required DriftReport Report { get; init; }

    /// <summary>Gets the segment the alert is about (null: the whole model); its <see cref="Report"/> is then the segment's.</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; init; }

    /// <summary>
    /// Gets, for the model-level alert on the share of drifted segments (<see cref="SegmentOptions.AlertShare"/>),
    /// the window's <see cref="DriftReport.DriftedSegmentShare"/>; null for every other drift alert. Such
    /// an alert's <see cref="Report"/> is the whole model's (its <see cref="DriftReport.Segments"/> tell which
    /// drifted) and its <see cref="DriftedFeatures"/> is empty.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public double? DriftedSegmentShare { get; init; }

    /// <summary>Gets the input features that drifted in that window.</summary>
    public required ImmutableArray<string> DriftedFeatures { get; init; }
}
