using System.Text.Json.Serialization;

namespace ModelWatch.Statistics;

/// <summary>
/// The saved state of a <see cref="CategoryCounts"/> summary: take one with
/// <see cref="CategoryCounts.ToSnapshot"/>, write and read it with <see cref="StatisticsJson"/>, and
/// turn it back into a summary with <see cref="CategoryCounts.FromSnapshot"/> (to read or to merge).
/// </summary>
/// <remarks>
/// <para>
/// A snapshot is opaque: its contents are the summary's slots and error bounds in slot order. Read
/// counts from the restored <see cref="CategoryCounts"/>.
/// </para>
/// <para>
/// Two snapshots are equal when they hold the same state. The JSON form is part of the profile file
/// format (docs/profiles.md): what one version writes, later versions read.
/// </para>
/// </remarks>
internal sealed record CategoryCountsSnapshot
{
    [JsonConstructor]
    internal CategoryCountsSnapshot()
    {
    }

    /// <summary>Gets the capacity (distinct values counted).</summary>
    [JsonInclude]
    internal int Capacity { get; init; } = CategoryCounts.DefaultCapacity;

    /// <summary>Gets the maximum key length.</summary>
    [JsonInclude]
    internal int MaxKeyLength { get; init; } = CategoryCounts.DefaultMaxKeyLength;

    /// <summary>Gets the number of non-missing values.</summary>
    [JsonInclude]
    internal long Count { get; init; }

    /// <summary>Gets the number of missing values.</summary>
    [JsonInclude]
    internal long MissingCount { get; init; }

    /// <summary>Gets the number of truncated values.</summary>
    [JsonInclude]
    internal long TruncatedCount { get; init; }

    /// <summary>Gets the upper bound of the count of any value not tracked.</summary>
    [JsonInclude]
    internal long UntrackedBound { get; init; }

    /// <summary>Gets the tracked values in slot order.</summary>
    [JsonInclude]
    internal Entry[] Entries { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(CategoryCountsSnapshot? other) =>
        other is not null && Capacity == other.Capacity && MaxKeyLength == other.MaxKeyLength && Count == other.Count
        && MissingCount == other.MissingCount && TruncatedCount == other.TruncatedCount
        && UntrackedBound == other.UntrackedBound && Entries.AsSpan().SequenceEqual(other.Entries);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Capacity, Count, MissingCount, Entries.Length);

    /// <summary>One tracked value.</summary>
    internal sealed record Entry
    {
        /// <summary>Gets the value.</summary>
        public string Value { get; init; } = string.Empty;

        /// <summary>Gets the count (an upper bound).</summary>
        public long Count { get; init; }

        /// <summary>Gets how much the count may exceed the true count.</summary>
        public long MaxOvercount { get; init; }
    }
}
