using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// Frozen bin edges for a numeric feature: strictly increasing interior edges e[0] &lt; … &lt; e[k−1]
/// that split the real line into k + 1 bins, right-closed, with open outer bins:
/// (−∞, e[0]], (e[0], e[1]], …, (e[k−1], +∞).
/// </summary>
/// <remarks>
/// <para>
/// The bin of a value is the number of interior edges strictly below it, so a value equal to an
/// edge falls in the lower bin (the ModelWatch PSI convention, oracles README §4). Built once from a
/// reference (<see cref="FromQuantiles"/>) or from a stored profile (<see cref="FromInteriorEdges"/>),
/// the edges let a runtime keep per-window counts and evaluate PSI, Jensen–Shannon or χ² from those
/// counts alone.
/// </para>
/// <para>Instances are immutable and safe to share between threads. <see cref="BinIndex"/> allocates nothing.</para>
/// </remarks>
internal sealed class BinEdges
{
    private readonly double[] _interior;

    // The interior edges padded with +inf for BinSearch: a vector compare for the usual few edges,
    // a branch-free binary search for many.
    private readonly double[] _searchKeys;

    private BinEdges(double[] interior)
    {
        _interior = interior;
        _searchKeys = BinSearch.Pad(interior);
    }

    /// <summary>Gets the interior edges, strictly increasing.</summary>
    public ImmutableArray<double> InteriorEdges => ImmutableCollectionsMarshal.AsImmutableArray(_interior);

    /// <summary>Gets the number of bins (one more than the number of interior edges, so at least 2).</summary>
    public int BinCount => _interior.Length + 1;

    /// <summary>
    /// Builds edges from the type-7 quantiles of a reference sample at k/<paramref name="bins"/>,
    /// k = 1 … bins − 1, with duplicate edges removed (so discrete data may give fewer bins, and a
    /// constant sample gives 2).
    /// </summary>
    /// <param name="reference">The reference sample; NaN values are ignored.</param>
    /// <param name="bins">The number of quantile bins before duplicates are removed; at least 2.</param>
    /// <returns>The edges.</returns>
    /// <exception cref="ArgumentException">The sample is empty or holds only NaN values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    /// <remarks>
    /// With the sorted non-NaN sample x[0 … n−1], the k-th quantile uses integer arithmetic for its
    /// position (numpy's default "linear" method, Hyndman &amp; Fan 1996 type 7): t = (n−1)·k,
    /// lo = t / bins, r = t mod bins, edge = x[lo] + (r / bins)·(x[lo+1] − x[lo]) (just x[lo] when
    /// r = 0 or x[lo+1] = x[lo]). Only the needed order statistics are selected, in O(n) expected
    /// time, not a full sort.
    /// </remarks>
    public static BinEdges FromQuantiles(ReadOnlySpan<double> reference, int bins = 10)
    {
        int nan = CheckQuantileRequest(reference, bins);
        double[] raw = TypeSevenQuantiles(reference, nan, bins);
        return new BinEdges(Deduplicate(raw));
    }

    /// <summary>
    /// <see cref="FromQuantiles"/> and the sample's counts over the edges in one pass over the data
    /// (the selection of the quantiles already touches every value).
    /// </summary>
    internal static (BinEdges Edges, long[] Counts, int NaNCount) FromQuantilesWithCounts(ReadOnlySpan<double> reference, int bins)
    {
        int nan = CheckQuantileRequest(reference, bins);
        var request = new BinRequest(Deduplicate);
        TypeSevenQuantiles(reference, nan, bins, request);
        return (new BinEdges(request.Edges), request.Counts, nan);
    }

    /// <summary>Checks the arguments of the quantile builders.</summary>
    /// <returns>The number of NaN values in <paramref name="reference"/>.</returns>
    private static int CheckQuantileRequest(ReadOnlySpan<double> reference, int bins)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(bins, 2);
        int nan = OrderStatistics.CountNaN(reference);
        SampleGuard.RequireValues(reference.Length, nan, nameof(reference));
        return nan;
    }

    /// <summary>Builds edges from known interior edges, e.g. those stored in a reference profile.</summary>
    /// <param name="interiorEdges">At least one edge, strictly increasing, no NaN.</param>
    /// <returns>The edges.</returns>
    /// <exception cref="ArgumentException">The edges are empty, contain NaN or are not strictly increasing.</exception>
    public static BinEdges FromInteriorEdges(ReadOnlySpan<double> interiorEdges)
    {
        if (interiorEdges.IsEmpty)
        {
            throw new ArgumentException("At least one interior edge (two bins) is required.", nameof(interiorEdges));
        }

        for (int i = 0; i < interiorEdges.Length; i++)
        {
            if (double.IsNaN(interiorEdges[i]))
            {
                throw new ArgumentException($"Edge {i} is NaN.", nameof(interiorEdges));
            }

            if (i > 0 && !(interiorEdges[i] > interiorEdges[i - 1]))
            {
                throw new ArgumentException($"Edges must be strictly increasing; edge {i} ({interiorEdges[i]}) is not above edge {i - 1}.", nameof(interiorEdges));
            }
        }

        return new BinEdges(interiorEdges.ToArray());
    }

    /// <summary>Returns the bin of a value: the number of interior edges strictly below it; −1 for NaN.</summary>
    /// <param name="value">The value.</param>
    /// <returns>A bin index in 0 … <see cref="BinCount"/> − 1, or −1 for NaN.</returns>
    /// <remarks>O(log bins), branch-free, allocation-free.</remarks>
    public int BinIndex(double value)
    {
        if (double.IsNaN(value))
        {
            return -1;
        }

        return BinSearch.IndexPadded(_searchKeys, _interior.Length, value);
    }

    /// <summary>Adds the bin counts of <paramref name="sample"/> to <paramref name="counts"/>; NaN values are skipped and counted.</summary>
    /// <param name="sample">The values to bin.</param>
    /// <param name="counts">Per-bin counts to add to; its length must be <see cref="BinCount"/>.</param>
    /// <returns>The number of NaN values skipped.</returns>
    /// <exception cref="ArgumentException"><paramref name="counts"/> has the wrong length.</exception>
    public int AddCounts(ReadOnlySpan<double> sample, Span<long> counts)
    {
        if (counts.Length != BinCount)
        {
            throw new ArgumentException($"Expected {BinCount} counts, got {counts.Length}.", nameof(counts));
        }

        // NaN counts no edge below it and lands in bin 0; it is taken out of bin 0 afterwards,
        // which keeps the loop free of a data-dependent branch.
        int nan = 0;
        foreach (double v in sample)
        {
            counts[BinSearch.IndexPadded(_searchKeys, _interior.Length, v)]++;
            nan += double.IsNaN(v) ? 1 : 0;
        }

        counts[0] -= nan;
        return nan;
    }

    /// <summary>The raw type-7 quantiles at k/bins, k = 1 … bins − 1, before duplicates are removed.</summary>
    internal static double[] TypeSevenQuantiles(ReadOnlySpan<double> sample, int nanCount, int bins) =>
        TypeSevenQuantiles(sample, nanCount, bins, dedupedCounts: null);

    /// <summary>
    /// The raw type-7 quantiles; with <paramref name="dedupedCounts"/>, also the deduplicated edges
    /// and the sample's counts over them, from the same pass over the data.
    /// </summary>
    internal static double[] TypeSevenQuantiles(ReadOnlySpan<double> sample, int nanCount, int bins, BinRequest? dedupedCounts)
    {
        long n = sample.Length - nanCount;
        int k = bins - 1;
        var lo = new long[k];
        var r = new long[k];
        var wanted = new SortedSet<long>();
        for (int q = 1; q <= k; q++)
        {
            long t = (n - 1) * q;
            lo[q - 1] = t / bins;
            r[q - 1] = t % bins;
            wanted.Add(lo[q - 1]);
            if (r[q - 1] != 0)
            {
                wanted.Add(lo[q - 1] + 1);
            }
        }

        long[] ranks = [.. wanted];
        var values = new double[ranks.Length];

        double[] Interpolate(double[] orderStatistics)
        {
            var edges = new double[k];
            for (int q = 0; q < k; q++)
            {
                double low = orderStatistics[Array.BinarySearch(ranks, lo[q])];
                if (r[q] == 0)
                {
                    edges[q] = low;
                    continue;
                }

                double high = orderStatistics[Array.BinarySearch(ranks, lo[q] + 1)];

                // Oracles README §4: x[lo] + (r/bins)·(x[lo+1] − x[lo]), in that order. Equal neighbours
                // give x[lo] (as the formula does for finite values) and keep ±∞ from becoming NaN.
                edges[q] = high == low ? low : low + ((double)r[q] / bins * (high - low));
            }

            return edges;
        }

        var request = dedupedCounts is null ? null : new BinRequest(v => Deduplicate(Interpolate(v)));
        OrderStatistics.Select(sample, nanCount, ranks, values, request);
        if (request is not null)
        {
            dedupedCounts!.Edges = request.Edges;
            dedupedCounts.Counts = request.Counts;
        }

        return Interpolate(values);
    }

    /// <summary>Keeps each edge that is strictly above the last one kept.</summary>
    internal static double[] Deduplicate(double[] raw)
    {
        var kept = new List<double>(raw.Length);
        foreach (double e in raw)
        {
            if (kept.Count == 0 || e > kept[^1])
            {
                kept.Add(e);
            }
        }

        return [.. kept];
    }
}
