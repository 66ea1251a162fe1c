using System.Text.Json.Serialization;

namespace ModelWatch.Statistics;

/// <summary>
/// The saved state of a <see cref="QuantileSketch"/>: take one with
/// <see cref="QuantileSketch.ToSnapshot"/>, write and read it with <see cref="StatisticsJson"/>, and
/// turn it back into a sketch with <see cref="QuantileSketch.FromSnapshot"/> (to query or to merge).
/// </summary>
/// <remarks>
/// <para>
/// A snapshot is opaque: its contents are the sketch's compactor levels and generator state, kept
/// so that a restored sketch continues exactly as the original would have. Query the restored
/// <see cref="QuantileSketch"/>.
/// </para>
/// <para>
/// Two snapshots are equal when they hold the same state. The JSON form is part of the profile file
/// format (docs/profiles.md): what one version writes, later versions read.
/// </para>
/// </remarks>
internal sealed record QuantileSketchSnapshot
{
    [JsonConstructor]
    internal QuantileSketchSnapshot()
    {
    }

    /// <summary>Gets the accuracy parameter K.</summary>
    [JsonInclude]
    internal int K { get; init; } = QuantileSketch.DefaultK;

    /// <summary>Gets the state of the compaction coin-flip generator.</summary>
    [JsonInclude]
    internal ulong GeneratorState { get; init; }

    /// <summary>Gets the number of finite values summarized.</summary>
    [JsonInclude]
    internal long Count { get; init; }

    /// <summary>Gets the number of NaN values.</summary>
    [JsonInclude]
    internal long MissingCount { get; init; }

    /// <summary>Gets the number of ±Infinity values.</summary>
    [JsonInclude]
    internal long NonFiniteCount { get; init; }

    /// <summary>Gets the smallest value (meaningless when <see cref="Count"/> is 0).</summary>
    [JsonInclude]
    internal double Min { get; init; }

    /// <summary>Gets the largest value (meaningless when <see cref="Count"/> is 0).</summary>
    [JsonInclude]
    internal double Max { get; init; }

    /// <summary>
    /// Gets the retained items per level: level h holds items of weight 2^h; level 0 is in
    /// arrival order, higher levels are sorted.
    /// </summary>
    [JsonInclude]
    internal double[][] Levels { get; init; } = [[]];

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
