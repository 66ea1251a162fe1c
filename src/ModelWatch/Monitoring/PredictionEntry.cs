namespace ModelWatch.Monitoring;

/// <summary>
/// One prediction as <see cref="IModelMonitor.Log(in PredictionEntry)"/> records it: spans over the
/// caller's buffers (nothing is copied or kept), built on the stack.
/// </summary>
/// <remarks>
/// Only <see cref="Features"/> and <see cref="Value"/> are needed for most models; leave the rest
/// unset. With <see cref="ClassProbabilities"/> (multiclass models) the prediction is the most
/// probable class and <see cref="Value"/> is ignored.
/// </remarks>
public readonly ref struct PredictionEntry
{
    /// <summary>Gets the numeric features, in the order of <see cref="ModelSchema.NumericFeatures"/>.</summary>
    public ReadOnlySpan<double> Features { get; init; }

    /// <summary>Gets the categorical features, in the order of <see cref="ModelSchema.CategoricalFeatures"/> (empty when there are none).</summary>
    public ReadOnlySpan<string?> Categories { get; init; }

    /// <summary>Gets the prediction: a score, a value, or a class index (0, 1, 2 …).</summary>
    public double Value { get; init; }

    /// <summary>Gets a multiclass prediction's probability per class (empty otherwise).</summary>
    public ReadOnlySpan<double> ClassProbabilities { get; init; }

    /// <summary>Gets the prediction's id, so that its outcome can be joined later (null: not held for an outcome).</summary>
    public string? Id { get; init; }

    /// <summary>
    /// Gets the prediction's segment key (a tenant id…) for a model segmented by key
    /// (<see cref="SegmentOptions.ByKey"/>); ignored otherwise. Null or empty: the <see cref="SegmentNames.Other"/> segment.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.Experimental("MW0004")]
    public string? Segment { get; init; }

    /// <summary>Gets when the prediction was made, for replays and backfills (null: now, by the monitor's clock).</summary>
    public DateTimeOffset? Timestamp { get; init; }
}
