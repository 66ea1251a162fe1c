namespace ModelWatch.Statistics;

/// <summary>The counter's snapshot round trip, checked when read back.</summary>
public sealed partial class CategoryCounts
{
    /// <summary>Returns the serializable state of this summary.</summary>
    /// <returns>The snapshot.</returns>
    internal CategoryCountsSnapshot ToSnapshot()
    {
        var entries = new CategoryCountsSnapshot.Entry[_size];
        for (int s = 0; s < _size; s++)
        {
            entries[s] = new CategoryCountsSnapshot.Entry { Value = _keys[s], Count = _counts[s], MaxOvercount = _overcounts[s] };
        }

        return new CategoryCountsSnapshot
        {
            Capacity = _capacity,
            MaxKeyLength = _maxKeyLength,
            Count = Count,
            MissingCount = MissingCount,
            TruncatedCount = TruncatedCount,
            UntrackedBound = _untrackedBound,
            Entries = entries,
        };
    }

    /// <summary>Restores a summary from a snapshot, checking that it is consistent.</summary>
    /// <param name="snapshot">A snapshot from <see cref="ToSnapshot"/>.</param>
    /// <returns>The summary.</returns>
    /// <exception cref="ArgumentException">
    /// Out-of-range settings, too many or duplicate entries, empty or over-long values, negative
    /// counts, an overcount above its count, or counts that do not fit the total.
    /// </exception>
    internal static CategoryCounts FromSnapshot(CategoryCountsSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        const string name = nameof(snapshot);
        if (snapshot.Capacity is < 1 or > MaxCapacity || snapshot.MaxKeyLength is < MinKeyLength or > MaxKeyLengthLimit)
        {
            throw new ArgumentException("Capacity or maximum key length out of range.", name);
        }

        var entries = snapshot.Entries ?? throw new ArgumentException("Entries are missing.", name);
        if (entries.Length > snapshot.Capacity)
        {
            throw new ArgumentException("More entries than the capacity.", name);
        }

        if (snapshot.Count < 0 || snapshot.MissingCount < 0 || snapshot.TruncatedCount < 0 || snapshot.UntrackedBound < 0)
        {
            throw new ArgumentException("Counts must not be negative.", name);
        }

        var summary = new CategoryCounts(snapshot.Capacity, snapshot.MaxKeyLength)
        {
            Count = snapshot.Count,
            MissingCount = snapshot.MissingCount,
            TruncatedCount = snapshot.TruncatedCount,
            _untrackedBound = snapshot.UntrackedBound,
        };
        long lowerSum = 0;
        foreach (var entry in entries)
        {
            if (entry is null || string.IsNullOrEmpty(entry.Value) || entry.Value.Length > snapshot.MaxKeyLength)
            {
                throw new ArgumentException("An entry's value is missing, empty or too long.", name);
            }

            if (entry.Count < 1 || entry.MaxOvercount < 0 || entry.MaxOvercount >= entry.Count || entry.MaxOvercount > snapshot.UntrackedBound)
            {
                throw new ArgumentException($"The counts of '{entry.Value}' are inconsistent.", name);
            }

            if (summary._slotOf.ContainsKey(entry.Value))
            {
                throw new ArgumentException($"The value '{entry.Value}' appears twice.", name);
            }

            lowerSum = checked(lowerSum + entry.Count - entry.MaxOvercount);
            summary.Place(entry.Value, entry.Count, entry.MaxOvercount);
        }

        if (lowerSum > snapshot.Count)
        {
            throw new ArgumentException("The tracked counts exceed the total count.", name);
        }

        return summary;
    }
}
