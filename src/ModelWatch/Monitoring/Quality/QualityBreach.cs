namespace ModelWatch.Monitoring;

/// <summary>A quality limit a window broke.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class QualityBreach
{
    internal QualityBreach()
    {
    }

    /// <summary>Gets the metric.</summary>
    public QualityMetric Metric { get; internal init; }

    /// <summary>Gets its value in the window.</summary>
    public double Value { get; internal init; }

    /// <summary>Gets the limit it crossed (for a drop: the baseline minus or plus the allowed drop).</summary>
    public double Limit { get; internal init; }

    /// <summary>Gets the baseline of a drop, or null for an absolute limit.</summary>
    public double? Baseline { get; internal init; }

    /// <inheritdoc/>
    public override string ToString() => Baseline is double b
        ? FormattableString.Invariant($"{Metric} {Value:G4} dropped past {Limit:G4} (baseline {b:G4})")
        : FormattableString.Invariant($"{Metric} {Value:G4} crossed {Limit:G4}");
}
