namespace ModelWatch.Monitoring;

/// <summary>A quality limit a window broke.</summary>
/// <param name="Metric">The metric.</param>
/// <param name="Value">Its value in the window.</param>
/// <param name="Limit">The limit it crossed (for a drop: the baseline minus or plus the allowed drop).</param>
/// <param name="Baseline">The baseline of a drop, or null for an absolute limit.</param>
public sealed record QualityBreach(QualityMetric Metric, double Value, double Limit, double? Baseline)
{
    /// <inheritdoc/>
    public override string ToString() => Baseline is double b
        ? FormattableString.Invariant($"{Metric} {Value:G4} dropped past {Limit:G4} (baseline {b:G4})")
        : FormattableString.Invariant($"{Metric} {Value:G4} crossed {Limit:G4}");
}
