namespace ModelWatch.Internal;

/// <summary>Counting and checking of categorical inputs shared by the categorical detectors.</summary>
internal static class CategoryCounting
{
    /// <summary>Counts raw labels; null labels are missing values, excluded and counted.</summary>
    /// <exception cref="ArgumentException">No non-null label is left.</exception>
    public static Dictionary<string, long> CountLabels(ReadOnlySpan<string?> labels, string paramName, out long missing)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal);
        long nulls = 0;
        foreach (string? label in labels)
        {
            if (label is null)
            {
                nulls++;
                continue;
            }

            counts[label] = counts.TryGetValue(label, out long c) ? c + 1 : 1;
        }

        if (counts.Count == 0)
        {
            throw new ArgumentException(
                labels.IsEmpty ? "The sample is empty." : $"The sample holds only null labels ({nulls}).", paramName);
        }

        missing = nulls;
        return counts;
    }

    /// <summary>Checks a category → count map: not null, no negative count, positive total.</summary>
    /// <returns>The total count.</returns>
    public static long CheckCounts(IReadOnlyDictionary<string, long> counts, string paramName)
    {
        ArgumentNullException.ThrowIfNull(counts, paramName);
        long total = 0;
        foreach (var (category, count) in counts)
        {
            if (count < 0)
            {
                throw new ArgumentException($"The count of category '{category}' is negative ({count}).", paramName);
            }

            total = checked(total + count);
        }

        if (total == 0)
        {
            throw new ArgumentException("The counts total zero: there is nothing to compare.", paramName);
        }

        return total;
    }

    /// <summary>The union of both maps' categories, in ordinal order, so results do not depend on dictionary order.</summary>
    public static string[] Union(IReadOnlyDictionary<string, long> a, IReadOnlyDictionary<string, long> b)
    {
        var all = new HashSet<string>(a.Keys, StringComparer.Ordinal);
        all.UnionWith(b.Keys);
        string[] union = [.. all];
        Array.Sort(union, StringComparer.Ordinal);
        return union;
    }

    /// <summary>Checks aligned count spans: equal length, no negative count, positive totals.</summary>
    public static (long ReferenceTotal, long CurrentTotal) CheckAligned(
        ReadOnlySpan<long> reference, ReadOnlySpan<long> current, string referenceName, string currentName)
    {
        if (reference.Length != current.Length)
        {
            throw new ArgumentException(
                $"The count spans must be aligned by category or bin: {reference.Length} reference counts vs {current.Length} current counts.",
                currentName);
        }

        return (Total(reference, referenceName), Total(current, currentName));
    }

    /// <summary>Total of a count span: no negative entry, positive total.</summary>
    public static long Total(ReadOnlySpan<long> counts, string paramName)
    {
        SampleGuard.RequireNonNegative(counts, paramName);
        long total = 0;
        foreach (long c in counts)
        {
            total = checked(total + c);
        }

        if (total == 0)
        {
            throw new ArgumentException(
                counts.IsEmpty ? "No counts were given." : "The counts total zero: there is nothing to compare.", paramName);
        }

        return total;
    }
}
