namespace ModelWatch.Statistics;

#pragma warning disable CA1819 // A snapshot is a plain data carrier for serialization.

/// <summary>The serializable state of a <see cref="Histogram"/>.</summary>
public sealed record HistogramSnapshot
{
    /// <summary>Gets the interior edges.</summary>
    public double[] Edges { get; init; } = [];

    /// <summary>Gets the count of each bin (edges + 1 of them).</summary>
    public long[] Counts { get; init; } = [];

    /// <summary>Gets the number of NaN values.</summary>
    public long MissingCount { get; init; }

    /// <summary>Gets the number of ±Infinity values.</summary>
    public long NonFiniteCount { get; init; }

    /// <inheritdoc />
    public bool Equals(HistogramSnapshot? other) =>
        other is not null && MissingCount == other.MissingCount && NonFiniteCount == other.NonFiniteCount
        && Edges.AsSpan().SequenceEqual(other.Edges) && Counts.AsSpan().SequenceEqual(other.Counts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Edges.Length, MissingCount, NonFiniteCount);
}
