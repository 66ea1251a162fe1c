using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// The quality of one window of one model, from the outcomes joined so far: realised metrics, the
/// label-free performance estimate, broken thresholds and concept drift.
/// </summary>
/// <remarks>
/// A closed prediction-time window still gains outcomes as late labels arrive (its report is then
/// replaced); a closed arrival window is final.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class QualityReport : WindowReport
{
    /// <summary>Initializes a report; set its members with an object initializer.</summary>
    internal QualityReport()
    {
    }

    /// <summary>Initializes the report of a window of a model version (<see cref="Basis"/> is set by the initializer).</summary>
    internal QualityReport(ModelDefinition model, long first, long last, bool complete, WindowClock? clock, DateTimeOffset now, QualityMetrics metrics)
        : base(model, first, last, complete, clock, now)
    {
        Metrics = metrics;
    }

    /// <summary>Gets which window the outcomes were counted in.</summary>
    public QualityWindowBasis Basis { get; internal init; }

    /// <summary>Gets the predictions made in the window (prediction-time basis; 0 for arrival windows).</summary>
    public long Predictions { get; internal init; }

    /// <summary>Gets the realised metrics over the outcomes counted in the window.</summary>
    public QualityMetrics Metrics { get; internal init; } = new();

    /// <summary>
    /// Gets a classifier's performance estimated without labels (prediction-time basis; null for
    /// arrival windows, other tasks, and windows whose predictions carried no probabilities): CBPE over
    /// every prediction of the window, labeled or not, calibrated on the labelled reference when one
    /// was supplied. It is right when the calibration holds and the relation between inputs and labels
    /// has not changed (no concept shift): compare it with <see cref="Metrics"/> as labels arrive.
    /// </summary>
    public EstimatedPerformance? Estimated { get; internal init; }

    /// <summary>Gets the thresholds the window broke (arrival basis, closed windows with enough outcomes).</summary>
    public ImmutableArray<QualityBreach> Breaches { get; internal init; } = [];

    /// <summary>Gets a value indicating whether the concept-drift detector found the error rising in this window (arrival basis).</summary>
    public bool ConceptDrift { get; internal init; }

    /// <summary>Gets the segment this report is about (null: the whole model).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; internal init; }

    /// <summary>Gets a value indicating whether the window counts as degraded: a broken threshold or concept drift.</summary>
    public bool IsDegraded => !Breaches.IsEmpty || ConceptDrift;
}
