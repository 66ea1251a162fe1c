using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// A quality alert: raised when a model's realised quality degrades (a broken threshold sustained, or
/// concept drift), cleared when it recovers. Its <see cref="ModelAlert.At"/> is the window's end for time windows.
/// </summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class QualityAlert : ModelAlert
{
    /// <summary>Gets the arrival-window report that raised or cleared the alert.</summary>
    public required QualityReport Report { get; init; }

    /// <summary>Gets why it was raised: the broken thresholds, and "concept drift" when the detector fired.</summary>
    public required ImmutableArray<string> Reasons { get; init; }
}
