using ModelWatch.Internal;

namespace ModelWatch.Statistics;

/// <summary>
/// Counts of values in bins with fixed edges: open outer bins, right-closed inner bins, and
/// separate counts for missing (NaN) and non-finite (±Infinity) values. Merged by adding counts.
/// </summary>
/// <remarks>
/// <para>
/// With interior edges e[0] &lt; … &lt; e[m−1] there are m + 1 bins: (−∞, e[0]], (e[0], e[1]], …,
/// (e[m−1], +∞). A value's bin is the number of edges strictly below it, so a value equal to an
/// edge falls in the lower bin (the PSI convention of the drift detectors).
/// </para>
/// <para>
/// <b>Cost.</b> Add is O(1) for up to 16 edges (a vectorized compare) and O(log m) beyond, and
/// never allocates. <b>Threading.</b> Single writer; reads must not run concurrently with writes.
/// </para>
/// </remarks>
public sealed class Histogram
{
    private readonly double[] _edges;
    private readonly double[] _paddedEdges;
    private readonly long[] _counts;
    private ExcludedValues _excluded;

    /// <summary>Initializes an empty histogram over the given interior edges.</summary>
    /// <param name="edges">Interior edges: at least one, finite and strictly increasing.</param>
    /// <exception cref="ArgumentException">The edges are empty, not finite or not strictly increasing.</exception>
    public Histogram(ReadOnlySpan<double> edges)
    {
        if (edges.IsEmpty)
        {
            throw new ArgumentException("A histogram needs at least one interior edge.", nameof(edges));
        }

        BinSearch.Validate(edges, nameof(edges));
        _edges = edges.ToArray();
        _paddedEdges = BinSearch.Pad(edges);
        _counts = new long[edges.Length + 1];
    }

    /// <summary>Gets the interior edges.</summary>
    public ReadOnlySpan<double> Edges => _edges;

    /// <summary>Gets the number of bins (edges + 1).</summary>
    public int BinCount => _counts.Length;

    /// <summary>Gets the count of each bin.</summary>
    public ReadOnlySpan<long> Counts => _counts;

    /// <summary>Gets the number of finite values counted in bins.</summary>
    public long Count { get; private set; }

    /// <summary>Gets the number of NaN values (missing).</summary>
    public long MissingCount => _excluded.Missing;

    /// <summary>Gets the number of ±Infinity values (not binned).</summary>
    public long NonFiniteCount => _excluded.NonFinite;

    /// <summary>Gets the bin a finite value falls in: the number of edges strictly below it.</summary>
    /// <param name="value">The value.</param>
    /// <returns>The bin index, 0 to <see cref="BinCount"/> − 1.</returns>
    public int BinOf(double value) => BinSearch.IndexPadded(_paddedEdges, _edges.Length, value);

    /// <summary>Adds one value: a finite value to its bin, NaN and ±Infinity to their own counts.</summary>
    /// <param name="value">The value.</param>
    public void Add(double value)
    {
        if (double.IsFinite(value))
        {
            _counts[BinSearch.IndexPadded(_paddedEdges, _edges.Length, value)]++;
            Count++;
        }
        else
        {
            _excluded.Add(value);
        }
    }

    /// <summary>Adds every value of <paramref name="values"/>.</summary>
    /// <param name="values">The values.</param>
    public void Add(ReadOnlySpan<double> values)
    {
        foreach (double v in values)
        {
            Add(v);
        }
    }

    /// <summary>Empties the histogram, keeping its edges.</summary>
    public void Clear()
    {
        Array.Clear(_counts);
        Count = 0;
        _excluded = default;
    }

    /// <summary>Adds the counts of <paramref name="other"/>, which must have the same edges.</summary>
    /// <param name="other">Another histogram; it is not modified.</param>
    /// <exception cref="ArgumentException">The edges differ.</exception>
    public void Merge(Histogram other)
    {
        ArgumentNullException.ThrowIfNull(other);
        if (!_edges.AsSpan().SequenceEqual(other._edges))
        {
            throw new ArgumentException("Histograms with different edges cannot be merged.", nameof(other));
        }

        for (int i = 0; i < _counts.Length; i++)
        {
            _counts[i] += other._counts[i];
        }

        Count += other.Count;
        _excluded.Merge(other._excluded);
    }

    /// <summary>Returns the serializable state of this histogram.</summary>
    /// <returns>The snapshot.</returns>
    internal HistogramSnapshot ToSnapshot() => new()
    {
        Edges = (double[])_edges.Clone(),
        Counts = (long[])_counts.Clone(),
        MissingCount = _excluded.Missing,
        NonFiniteCount = _excluded.NonFinite,
    };

    /// <summary>Restores a histogram from a snapshot, checking that it is consistent.</summary>
    /// <param name="snapshot">A snapshot from <see cref="ToSnapshot"/>.</param>
    /// <returns>The histogram.</returns>
    /// <exception cref="ArgumentException">Bad edges, a count array of the wrong length, or negative counts.</exception>
    internal static Histogram FromSnapshot(HistogramSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Edges is null || snapshot.Counts is null || snapshot.Edges.Length == 0)
        {
            throw new ArgumentException("Edges and counts are required.", nameof(snapshot));
        }

        BinSearch.Validate(snapshot.Edges, nameof(snapshot));
        if (snapshot.Counts.Length != snapshot.Edges.Length + 1)
        {
            throw new ArgumentException($"{snapshot.Edges.Length} edges need {snapshot.Edges.Length + 1} counts, not {snapshot.Counts.Length}.", nameof(snapshot));
        }

        if (snapshot.MissingCount < 0 || snapshot.NonFiniteCount < 0)
        {
            throw new ArgumentException("Counts must not be negative.", nameof(snapshot));
        }

        var histogram = new Histogram(snapshot.Edges);
        long total = 0;
        for (int i = 0; i < snapshot.Counts.Length; i++)
        {
            if (snapshot.Counts[i] < 0)
            {
                throw new ArgumentException($"Count {i} is negative.", nameof(snapshot));
            }

            histogram._counts[i] = snapshot.Counts[i];
            total = checked(total + snapshot.Counts[i]);
        }

        histogram.Count = total;
        histogram._excluded = new ExcludedValues { Missing = snapshot.MissingCount, NonFinite = snapshot.NonFiniteCount };
        return histogram;
    }
}
