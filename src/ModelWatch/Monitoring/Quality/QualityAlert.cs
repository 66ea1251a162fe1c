using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>A quality alert: raised when a model's realised quality degrades (a broken threshold sustained, or concept drift), cleared when it recovers.</summary>
public sealed class QualityAlert
{
    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets whether the alert is being raised or cleared.</summary>
    public required DriftAlertKind Kind { get; init; }

    /// <summary>Gets the arrival-window report that raised or cleared the alert.</summary>
    public required QualityReport Report { get; init; }

    /// <summary>Gets why it was raised: the broken thresholds, and "concept drift" when the detector fired.</summary>
    public required ImmutableArray<string> Reasons { get; init; }

    /// <summary>Gets when the alert changed state (the window's end for time windows).</summary>
    public required DateTimeOffset At { get; init; }
}
