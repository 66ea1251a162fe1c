namespace ModelWatch.Monitoring;

/// <summary>What one sub-window (epoch) of a monitor accumulates: mergeable by addition.</summary>
/// <typeparam name="TSelf">The accumulator type itself.</typeparam>
internal interface IEpochAccumulator<in TSelf>
{
    /// <summary>The sub-window the accumulator belongs to.</summary>
    long Epoch { get; set; }

    /// <summary>Adds another accumulator of the same layout into this one.</summary>
    void Merge(TSelf other);
}
