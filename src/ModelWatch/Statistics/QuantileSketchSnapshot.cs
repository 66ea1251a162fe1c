namespace ModelWatch.Statistics;

/// <summary>The serializable state of a <see cref="QuantileSketch"/>.</summary>
public sealed record QuantileSketchSnapshot
{
    /// <summary>Gets the accuracy parameter K.</summary>
    public int K { get; init; } = QuantileSketch.DefaultK;

    /// <summary>Gets the state of the compaction coin-flip generator.</summary>
    public ulong GeneratorState { get; init; }

    /// <summary>Gets the number of finite values summarized.</summary>
    public long Count { get; init; }

    /// <summary>Gets the number of NaN values.</summary>
    public long MissingCount { get; init; }

    /// <summary>Gets the number of ±Infinity values.</summary>
    public long NonFiniteCount { get; init; }

    /// <summary>Gets the smallest value (meaningless when <see cref="Count"/> is 0).</summary>
    public double Min { get; init; }

    /// <summary>Gets the largest value (meaningless when <see cref="Count"/> is 0).</summary>
    public double Max { get; init; }

    /// <summary>
    /// Gets the retained items per level: level h holds items of weight 2^h; level 0 is in
    /// arrival order, higher levels are sorted.
    /// </summary>
#pragma warning disable CA1819 // A snapshot is a plain data carrier for serialization.
    public double[][] Levels { get; init; } = [[]];
#pragma warning restore CA1819

    /// <inheritdoc />
    public bool Equals(QuantileSketchSnapshot? other)
    {
        if (other is null || K != other.K || GeneratorState != other.GeneratorState || Count != other.Count
            || MissingCount != other.MissingCount || NonFiniteCount != other.NonFiniteCount
            || !Min.Equals(other.Min) || !Max.Equals(other.Max) || Levels.Length != other.Levels.Length)
        {
            return false;
        }

        for (int h = 0; h < Levels.Length; h++)
        {
            if (!Levels[h].AsSpan().SequenceEqual(other.Levels[h]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(K, GeneratorState, Count, Min, Max, Levels.Length);
}
