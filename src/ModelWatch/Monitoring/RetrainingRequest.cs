namespace ModelWatch.Monitoring;

/// <summary>A request to retrain a model, with the evidence.</summary>
public sealed class RetrainingRequest
{
    /// <summary>Gets the model's name.</summary>
    public required string ModelName { get; init; }

    /// <summary>Gets the model's version.</summary>
    public required string ModelVersion { get; init; }

    /// <summary>Gets why retraining is requested (e.g. "sustained input drift").</summary>
    public required string Reason { get; init; }

    /// <summary>Gets the drift report that caused the request, or the model's latest one when quality caused it.</summary>
    public required DriftReport Report { get; init; }

    /// <summary>Gets the quality report that caused the request (null when drift caused it).</summary>
    public QualityReport? Quality { get; init; }

    /// <summary>Gets the segment whose sustained drift caused the request (null: the whole model, or quality).</summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; init; }

    /// <summary>Gets when the request was made.</summary>
    public required DateTimeOffset At { get; init; }
}
