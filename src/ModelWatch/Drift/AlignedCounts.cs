using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// Two samples' counts over the same bins or categories, checked, with the samples' totals and
/// missing counts: what the count-based detectors (χ², Jensen–Shannon) compute from, whatever form
/// their input took (aligned counts, category → count maps or raw labels).
/// </summary>
internal readonly ref struct AlignedCounts
{
    public AlignedCounts(ReadOnlySpan<long> reference, ReadOnlySpan<long> current, SampleCounts counts)
    {
        Reference = reference;
        Current = current;
        Counts = counts;
    }

    /// <summary>Gets the reference count per bin or category.</summary>
    public ReadOnlySpan<long> Reference { get; }

    /// <summary>Gets the current count per bin or category, aligned with <see cref="Reference"/>.</summary>
    public ReadOnlySpan<long> Current { get; }

    /// <summary>Gets the samples' totals and the values excluded from them as missing.</summary>
    public SampleCounts Counts { get; }

    /// <summary>Checks counts the caller has aligned: equal lengths, no negative count, positive totals.</summary>
    /// <exception cref="ArgumentException">The spans differ in length, hold a negative count, or total zero.</exception>
    public static AlignedCounts FromSpans(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        var (a, b) = CategoryCounting.CheckAligned(referenceCounts, currentCounts, nameof(referenceCounts), nameof(currentCounts));
        return new AlignedCounts(referenceCounts, currentCounts, new SampleCounts { Reference = a, Current = b });
    }

    /// <summary>Aligns two category → count maps over the union of their categories, in ordinal order.</summary>
    /// <exception cref="ArgumentException">A map holds a negative count or totals zero.</exception>
    public static AlignedCounts FromMaps(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, long referenceMissing = 0, long currentMissing = 0)
    {
        long a = CategoryCounting.CheckCounts(reference, nameof(reference));
        long b = CategoryCounting.CheckCounts(current, nameof(current));
        string[] categories = CategoryCounting.Union(reference, current);
        var r = new long[categories.Length];
        var c = new long[categories.Length];
        for (int i = 0; i < categories.Length; i++)
        {
            r[i] = reference.TryGetValue(categories[i], out long x) ? x : 0;
            c[i] = current.TryGetValue(categories[i], out long y) ? y : 0;
        }

        return new AlignedCounts(r, c, new SampleCounts { Reference = a, Current = b, ReferenceMissing = referenceMissing, CurrentMissing = currentMissing });
    }

    /// <summary>Counts raw labels (null labels are missing, excluded and counted) over the union of their categories.</summary>
    /// <exception cref="ArgumentException">A sample is empty or holds only null labels.</exception>
    public static AlignedCounts FromLabels(ReadOnlySpan<string?> reference, ReadOnlySpan<string?> current)
    {
        var r = CategoryCounting.CountLabels(reference, nameof(reference), out long rMissing);
        var c = CategoryCounting.CountLabels(current, nameof(current), out long cMissing);
        return FromMaps(r, c, rMissing, cMissing);
    }
}
