using System.Collections.Immutable;
using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// The frozen reference of one categorical column: its categories with their counts. Windows count
/// values per reference category, plus one bucket for categories the reference never saw.
/// </summary>
/// <remarks>Instances are immutable and shared by all logging threads.</remarks>
internal sealed class CategoricalReference
{
    private readonly string[] _categories;
    private readonly long[] _counts;
    private readonly Dictionary<string, int> _index;

    internal CategoricalReference(string name, string[] categories, long[] counts, long missing)
    {
        Name = name;
        _categories = categories;
        _counts = counts;
        MissingCount = missing;
        _index = new Dictionary<string, int>(categories.Length, StringComparer.Ordinal);
        for (int i = 0; i < categories.Length; i++)
        {
            _index.Add(categories[i], i);
            Count += counts[i];
        }

        SpanIndex = _index.GetAlternateLookup<ReadOnlySpan<char>>();
        ReportCategories = [.. categories, UnseenLabel];
        var buckets = new long[categories.Length + 1];
        counts.AsSpan(0, categories.Length).CopyTo(buckets);
        BucketCounts = ImmutableCollectionsMarshal.AsImmutableArray(buckets);
    }

    /// <summary>The label of the bucket for categories the reference never saw, in reports.</summary>
    internal const string UnseenLabel = "(unseen)";

    /// <summary>Gets the column's name.</summary>
    public string Name { get; }

    /// <summary>Gets the reference categories.</summary>
    public ImmutableArray<string> Categories => ImmutableCollectionsMarshal.AsImmutableArray(_categories);

    /// <summary>Gets the reference count of each category.</summary>
    public ImmutableArray<long> Counts => ImmutableCollectionsMarshal.AsImmutableArray(_counts);

    /// <summary>Gets the number of non-missing reference values.</summary>
    public long Count { get; }

    /// <summary>Gets the number of missing (null or empty) reference values.</summary>
    public long MissingCount { get; }

    /// <summary>Gets the index of the bucket for categories not in the reference (= the number of categories).</summary>
    public int UnseenIndex => _categories.Length;

    internal ReadOnlySpan<long> CountsSpan => _counts;

    /// <summary>The categories then <see cref="UnseenLabel"/>: built once, shared by every report on this reference.</summary>
    internal ImmutableArray<string> ReportCategories { get; }

    /// <summary>The reference count of each bucket (the unseen one is 0): built once, shared by every report on this reference.</summary>
    internal ImmutableArray<long> BucketCounts { get; }

    internal Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> SpanIndex { get; }

    /// <summary>The bucket of a value: its category's index, or <see cref="UnseenIndex"/>.</summary>
    internal int IndexOf(string value) => _index.TryGetValue(value, out int i) ? i : _categories.Length;
}
