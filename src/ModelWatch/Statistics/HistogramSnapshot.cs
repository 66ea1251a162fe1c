using System.Text.Json.Serialization;

namespace ModelWatch.Statistics;

/// <summary>
/// The saved state of a <see cref="Histogram"/>: take one with <see cref="Histogram.ToSnapshot"/>,
/// write and read it with <see cref="StatisticsJson"/>, and turn it back into a histogram with
/// <see cref="Histogram.FromSnapshot"/> (to read or to merge).
/// </summary>
/// <remarks>
/// A snapshot is opaque: read edges and counts from the restored <see cref="Histogram"/>. Two
/// snapshots are equal when they hold the same state. What one version writes, later versions read.
/// </remarks>
internal sealed record HistogramSnapshot
{
    [JsonConstructor]
    internal HistogramSnapshot()
    {
    }

    /// <summary>Gets the interior edges.</summary>
    [JsonInclude]
    internal double[] Edges { get; init; } = [];

    /// <summary>Gets the count of each bin (edges + 1 of them).</summary>
    [JsonInclude]
    internal long[] Counts { get; init; } = [];

    /// <summary>Gets the number of NaN values.</summary>
    [JsonInclude]
    internal long MissingCount { get; init; }

    /// <summary>Gets the number of ±Infinity values.</summary>
    [JsonInclude]
    internal long NonFiniteCount { get; init; }

    /// <inheritdoc />
    public bool Equals(HistogramSnapshot? other) =>
        other is not null && MissingCount == other.MissingCount && NonFiniteCount == other.NonFiniteCount
        && Edges.AsSpan().SequenceEqual(other.Edges) && Counts.AsSpan().SequenceEqual(other.Counts);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Edges.Length, MissingCount, NonFiniteCount);
}
