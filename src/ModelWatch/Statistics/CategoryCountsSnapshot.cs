namespace ModelWatch.Statistics;

#pragma warning disable CA1819 // A snapshot is a plain data carrier for serialization.

/// <summary>The serializable state of a <see cref="CategoryCounts"/> summary.</summary>
public sealed record CategoryCountsSnapshot
{
    /// <summary>Gets the capacity (distinct values counted).</summary>
    public int Capacity { get; init; } = CategoryCounts.DefaultCapacity;

    /// <summary>Gets the maximum key length.</summary>
    public int MaxKeyLength { get; init; } = CategoryCounts.DefaultMaxKeyLength;

    /// <summary>Gets the number of non-missing values.</summary>
    public long Count { get; init; }

    /// <summary>Gets the number of missing values.</summary>
    public long MissingCount { get; init; }

    /// <summary>Gets the number of truncated values.</summary>
    public long TruncatedCount { get; init; }

    /// <summary>Gets the upper bound of the count of any value not tracked.</summary>
    public long UntrackedBound { get; init; }

    /// <summary>Gets the tracked values in slot order.</summary>
    public Entry[] Entries { get; init; } = [];

    /// <inheritdoc />
    public bool Equals(CategoryCountsSnapshot? other) =>
        other is not null && Capacity == other.Capacity && MaxKeyLength == other.MaxKeyLength && Count == other.Count
        && MissingCount == other.MissingCount && TruncatedCount == other.TruncatedCount
        && UntrackedBound == other.UntrackedBound && Entries.AsSpan().SequenceEqual(other.Entries);

    /// <inheritdoc />
    public override int GetHashCode() => HashCode.Combine(Capacity, Count, MissingCount, Entries.Length);

    /// <summary>One tracked value.</summary>
    public sealed record Entry
    {
        /// <summary>Gets the value.</summary>
        public string Value { get; init; } = string.Empty;

        /// <summary>Gets the count (an upper bound).</summary>
        public long Count { get; init; }

        /// <summary>Gets how much the count may exceed the true count.</summary>
        public long MaxOvercount { get; init; }
    }
}
