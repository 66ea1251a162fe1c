using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>A drift alert: raised after sustained drift, cleared after sustained calm.</summary>
public sealed class DriftAlert
{
    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets whether the alert is being raised or cleared.</summary>
    public required DriftAlertKind Kind { get; init; }

    /// <summary>Gets the report of the window that raised or cleared the alert.</summary>
    public required DriftReport Report { get; init; }

    /// <summary>Gets the input features that drifted in that window.</summary>
    public required ImmutableArray<string> DriftedFeatures { get; init; }

    /// <summary>Gets when the alert changed state.</summary>
    public required DateTimeOffset At { get; init; }
}
