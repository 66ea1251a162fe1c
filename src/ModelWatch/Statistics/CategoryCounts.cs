using System.Globalization;

namespace ModelWatch.Statistics;

/// <summary>
/// Frequencies of categorical values with bounded memory: exact counts for up to
/// <see cref="Capacity"/> distinct values, and beyond that a Space-Saving heavy-hitter summary
/// (Metwally, Agrawal and El Abbadi, "Efficient Computation of Frequent and Top-k Elements in Data
/// Streams", ICDT 2005) with an "other" bucket.
/// </summary>
/// <remarks>
/// <para>
/// <b>Exact until full.</b> While at most <see cref="Capacity"/> distinct values have been seen,
/// every count is exact and <see cref="IsExact"/> is true.
/// </para>
/// <para>
/// <b>Error bound beyond.</b> When a new value arrives and the table is full, it takes the slot
/// of the value with the smallest count c_min and starts at c_min + 1 with a possible overcount of
/// c_min. Then, with N the number of values counted (<see cref="Count"/>) and m the capacity:
/// every tracked count is an upper bound whose overcount is at most <see cref="ErrorBound"/> ≤ N/m;
/// every value that is not tracked occurred at most <see cref="ErrorBound"/> times; so every value
/// with a true count above N/m is tracked. <see cref="OtherCount"/> is N minus the tracked lower
/// bounds, so tracked lower bounds plus "other" always add up to N. Merging keeps the same bound
/// with N the merged total (the merge follows Agarwal et al., "Mergeable Summaries", PODS 2012,
/// through the correspondence between Space-Saving and Misra–Gries counters).
/// </para>
/// <para>
/// <b>Long values.</b> A value longer than <see cref="MaxKeyLength"/> characters is counted under a
/// key made of its first characters, a '~' and 8 hex digits of a hash of the whole value, so
/// distinct long values stay distinct (up to hash collisions) while memory stays bounded; such
/// values are counted in <see cref="TruncatedCount"/>.
/// </para>
/// <para>
/// <b>Missing.</b> <see langword="null"/> and the empty string count as missing values
/// (<see cref="MissingCount"/>), as an empty CSV cell does.
/// </para>
/// <para>
/// <b>Cost.</b> Add is a hash lookup plus an O(log m) heap update; it allocates nothing for a value
/// already tracked, and for a new one at most the stored key (the caller's string is kept when it
/// is short enough) and, while fewer than m values are tracked, now and then a doubling of the slot
/// arrays. Memory grows with the values tracked: at most m keys of at most <see cref="MaxKeyLength"/>
/// characters plus about 40 bytes per slot, and a summary of a handful of values stays about a kilobyte. <b>Threading.</b> Single writer; reads must not run concurrently with writes.
/// </para>
/// </remarks>
public sealed partial class CategoryCounts
{
    /// <summary>The default number of distinct values counted exactly.</summary>
    public const int DefaultCapacity = 1_000;

    /// <summary>The default maximum key length, in characters.</summary>
    public const int DefaultMaxKeyLength = 256;

    internal const int MaxCapacity = 1_000_000;
    internal const int MinKeyLength = 16;
    internal const int MaxKeyLengthLimit = 4_096;
    private const int HashSuffixLength = 9; // '~' + 8 hex digits

    // Slots start small and double up to the capacity: most columns have a few values, and a wide
    // data set has thousands of columns.
    private const int InitialSlots = 16;

    private readonly int _capacity;
    private readonly int _maxKeyLength;
    private readonly Dictionary<string, int> _slotOf;
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _slotOfSpan;
    private string[] _keys;
    private long[] _counts;
    private long[] _overcounts;

    // Min-heap of slots ordered by count, so the slot to replace is found in O(1) and kept in O(log m).
    private int[] _heap;
    private int[] _heapPosition;
    private int _size;

    // An upper bound of the count of any value not tracked (0 while exact).
    private long _untrackedBound;

    /// <summary>Initializes an empty summary.</summary>
    /// <param name="capacity">The number of distinct values counted (1 to 1,000,000).</param>
    /// <param name="maxKeyLength">The longest value stored as is, in characters (16 to 4,096).</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of its range.</exception>
    public CategoryCounts(int capacity = DefaultCapacity, int maxKeyLength = DefaultMaxKeyLength)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(capacity, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(capacity, MaxCapacity);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxKeyLength, MinKeyLength);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(maxKeyLength, MaxKeyLengthLimit);
        _capacity = capacity;
        _maxKeyLength = maxKeyLength;
        int slots = Math.Min(capacity, InitialSlots);
        _slotOf = new Dictionary<string, int>(slots, StringComparer.Ordinal);
        _slotOfSpan = _slotOf.GetAlternateLookup<ReadOnlySpan<char>>();
        _keys = new string[slots];
        _counts = new long[slots];
        _overcounts = new long[slots];
        _heap = new int[slots];
        _heapPosition = new int[slots];
    }

    /// <summary>Gets the number of distinct values counted exactly before the summary becomes approximate.</summary>
    public int Capacity => _capacity;

    /// <summary>Gets the longest value stored as is, in characters.</summary>
    public int MaxKeyLength => _maxKeyLength;

    /// <summary>Gets the number of non-missing values counted.</summary>
    public long Count { get; private set; }

    /// <summary>Gets the number of missing values (null or empty).</summary>
    public long MissingCount { get; private set; }

    /// <summary>Gets the number of values longer than <see cref="MaxKeyLength"/>, counted under a truncated key.</summary>
    public long TruncatedCount { get; private set; }

    /// <summary>Gets the number of distinct values tracked (at most <see cref="Capacity"/>).</summary>
    public int DistinctCount => _size;

    /// <summary>Gets a value indicating whether every count is exact.</summary>
    public bool IsExact => _untrackedBound == 0;

    /// <summary>
    /// Gets the largest possible overcount of a tracked value and the largest possible count of a
    /// value not tracked; at most <see cref="Count"/> / <see cref="Capacity"/>. 0 while exact.
    /// </summary>
    public long ErrorBound => _untrackedBound;

    /// <summary>
    /// Gets the count not attributed to a tracked value: <see cref="Count"/> minus the tracked lower
    /// bounds (0 while exact).
    /// </summary>
    public long OtherCount
    {
        get
        {
            long attributed = 0;
            for (int s = 0; s < _size; s++)
            {
                attributed += _counts[s] - _overcounts[s];
            }

            return Count - attributed;
        }
    }

    /// <summary>Counts one value; null or empty counts as missing.</summary>
    /// <param name="value">The value.</param>
    public void Add(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            MissingCount++;
            return;
        }

        AddPresent(value, value);
    }

    /// <summary>Counts one value given as characters; empty counts as missing.</summary>
    /// <param name="value">The value.</param>
    /// <remarks>Allocates only when the value is new (its key is stored).</remarks>
    public void Add(ReadOnlySpan<char> value)
    {
        if (value.IsEmpty)
        {
            MissingCount++;
            return;
        }

        AddPresent(value, null);
    }

    /// <summary>Empties the summary, keeping its capacity and buffers.</summary>
    public void Clear()
    {
        ClearSlots();
        Count = MissingCount = TruncatedCount = _untrackedBound = 0;
    }

    /// <summary>Gets the estimated count of a value (an upper bound; 0 when not tracked and exact).</summary>
    /// <param name="value">The value (it is truncated like added values).</param>
    /// <returns>The tracked count, or for an untracked value <see cref="ErrorBound"/>, which bounds its true count.</returns>
    public long EstimateCount(string value)
    {
        ArgumentNullException.ThrowIfNull(value);
        Span<char> buffer = stackalloc char[value.Length > _maxKeyLength ? _maxKeyLength : 0];
        ReadOnlySpan<char> key = value.Length > _maxKeyLength ? TruncatedKey(value, buffer) : value;
        return _slotOfSpan.TryGetValue(key, out int slot) ? _counts[slot] : _untrackedBound;
    }

    /// <summary>Gets the tracked values with their counts, largest count first (ties by ordinal value).</summary>
    /// <returns>A new list.</returns>
    public IReadOnlyList<CategoryCount> GetCounts()
    {
        var list = new List<CategoryCount>(_size);
        for (int s = 0; s < _size; s++)
        {
            list.Add(new CategoryCount { Value = _keys[s], Count = _counts[s], MaxOvercount = _overcounts[s] });
        }

        list.Sort(static (a, b) => a.Count != b.Count ? b.Count.CompareTo(a.Count) : string.CompareOrdinal(a.Value, b.Value));
        return list;
    }

    /// <summary>
    /// Adds the counts of <paramref name="other"/>. The result keeps this summary's capacity and the
    /// error bound of the merged total (see the remarks on <see cref="CategoryCounts"/>).
    /// </summary>
    /// <param name="other">Another summary with the same <see cref="MaxKeyLength"/>; it is not modified.</param>
    /// <exception cref="ArgumentException">The key lengths differ (their keys would not match).</exception>
    public void Merge(CategoryCounts other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (other._maxKeyLength != _maxKeyLength)
        {
            throw new ArgumentException("Summaries with different maximum key lengths cannot be merged.", nameof(other));
        }

        MissingCount += other.MissingCount;
        if (other._size == 0 && other._untrackedBound == 0)
        {
            return; // nothing but missing values: the tracked state is unchanged
        }

        // Upper bounds: a value absent from a side may have occurred there up to that side's bound.
        // Lower bounds: absent counts as 0. "Excess" is the upper bound minus both bounds, the
        // Misra–Gries counter of Agarwal et al.; the (m+1)-th largest excess is subtracted.
        long boundA = _untrackedBound, boundB = other._untrackedBound;
        var union = new Dictionary<string, (long Upper, long Lower)>(_size + other._size, StringComparer.Ordinal);
        for (int s = 0; s < _size; s++)
        {
            union[_keys[s]] = (_counts[s] + boundB, _counts[s] - _overcounts[s]);
        }

        for (int s = 0; s < other._size; s++)
        {
            string key = other._keys[s];
            long upper = other._counts[s], lower = upper - other._overcounts[s];
            union[key] = union.TryGetValue(key, out var mine)
                ? (mine.Upper - boundB + upper, mine.Lower + lower)
                : (boundA + upper, lower);
        }

        var entries = new List<(string Key, long Upper, long Lower)>(union.Count);
        foreach (var (key, bounds) in union)
        {
            entries.Add((key, bounds.Upper, bounds.Lower));
        }

        entries.Sort(static (a, b) => a.Upper != b.Upper ? b.Upper.CompareTo(a.Upper) : string.CompareOrdinal(a.Key, b.Key));
        long cut = 0;
        int keep = entries.Count;
        if (entries.Count > _capacity)
        {
            cut = entries[_capacity].Upper - boundA - boundB;
            keep = _capacity;
            while (keep > 0 && entries[keep - 1].Upper - boundA - boundB <= cut)
            {
                keep--;
            }
        }

        Count += other.Count;
        TruncatedCount += other.TruncatedCount;
        _untrackedBound = boundA + boundB + cut;
        ClearSlots();
        for (int i = 0; i < keep; i++)
        {
            var (key, upper, lower) = entries[i];
            Place(key, upper, upper - Math.Max(lower, 0));
        }
    }

    /// <summary>Counts a value that is not missing.</summary>
    /// <param name="value">The value.</param>
    /// <param name="valueString">The value as a string when the caller has one, stored as the key of a new short value so it needs no copy.</param>
    private void AddPresent(ReadOnlySpan<char> value, string? valueString)
    {
        if (value.Length > _maxKeyLength)
        {
            AddLong(value);
            return;
        }

        Count++;
        if (_slotOfSpan.TryGetValue(value, out int slot))
        {
            Increment(slot);
        }
        else
        {
            Insert(valueString ?? value.ToString());
        }
    }

    // Out of line so the stack buffer costs nothing on the usual short-value path; the truncated key
    // is exactly MaxKeyLength long, so AddPresent counts it as it is.
    private void AddLong(ReadOnlySpan<char> value)
    {
        TruncatedCount++;
        Span<char> buffer = stackalloc char[_maxKeyLength];
        AddPresent(TruncatedKey(value, buffer), null);
    }

    /// <summary>The first characters of a long value, '~', and 8 hex digits of FNV-1a over the whole value.</summary>
    private ReadOnlySpan<char> TruncatedKey(ReadOnlySpan<char> value, Span<char> buffer)
    {
        uint hash = 2166136261;
        foreach (char c in value)
        {
            hash = (hash ^ c) * 16777619;
        }

        int keep = _maxKeyLength - HashSuffixLength;
        value[..keep].CopyTo(buffer);
        buffer[keep] = '~';
        hash.TryFormat(buffer[(keep + 1)..], out _, "x8", CultureInfo.InvariantCulture);
        return buffer[.._maxKeyLength];
    }
}
