using System.Buffers;
using System.Numerics;
using System.Runtime.Intrinsics;

namespace ModelWatch.Internal;

/// <summary>
/// Exact order statistics of a sample without sorting all of it: the few ranks that quantile
/// edges need (two per edge) are found in O(n) expected time, NaN values excluded.
/// </summary>
/// <remarks>
/// <para>
/// The method is Floyd and Rivest's sampling idea (Floyd &amp; Rivest, "Algorithm 489: the
/// algorithm SELECT", CACM 18(3), 1975) applied to several ranks at once: a random sample of s
/// values is sorted, and for each wanted rank r two sample values are taken that bracket the
/// sample position r·s/n by about three standard deviations of a sample rank
/// (√(s·p(1−p)), binomial). One pass over the data counts the values below each bracket and
/// copies the values inside it; every wanted rank is then found by quickselect inside its
/// (small) bracket.
/// </para>
/// <para>
/// The sample only decides speed, never the answer: the pass verifies that each wanted rank
/// falls inside its bracket, and retries with wider brackets (then falls back to a full sort)
/// when it does not. The result is therefore exactly the sorted sample's values at those ranks,
/// the same numbers a full sort would give.
/// </para>
/// </remarks>
internal static partial class OrderStatistics
{
    /// <summary>Below this many values, copying and sorting is as fast and far simpler.</summary>
    private const int SortThreshold = 16_384;

    private const int MaxSampleSize = 16_384;

    /// <summary>
    /// Writes the values at the 0-based <paramref name="ranks"/> (ascending) of the sorted non-NaN
    /// values of <paramref name="data"/> into <paramref name="results"/>.
    /// </summary>
    public static void Select(ReadOnlySpan<double> data, int nanCount, ReadOnlySpan<long> ranks, Span<double> results) =>
        Select(data, nanCount, ranks, results, bins: null);

    /// <summary>
    /// Like <see cref="Select(ReadOnlySpan{double}, int, ReadOnlySpan{long}, Span{double})"/>, and also
    /// counts the non-NaN values over the edges that <paramref name="bins"/> makes from the selected
    /// values, reusing the selection's pass over the data instead of a second one.
    /// </summary>
    public static void Select(ReadOnlySpan<double> data, int nanCount, ReadOnlySpan<long> ranks, Span<double> results, BinRequest? bins)
    {
        int n = data.Length - nanCount;
        if (n >= SortThreshold && nanCount <= n / 4)
        {
            double widen = 3.0;
            for (int attempt = 0; attempt < 3; attempt++)
            {
                if (TrySelectBySampling(data, nanCount, ranks, results, widen, bins))
                {
                    return;
                }

                widen *= 2;
            }
        }

        SelectBySorting(data, nanCount, ranks, results);
        if (bins is not null)
        {
            bins.Edges = bins.MakeEdges(results.ToArray());
            bins.Counts = new long[bins.Edges.Length + 1];
            foreach (double v in data)
            {
                if (!double.IsNaN(v))
                {
                    bins.Counts[BinSearch.Index(bins.Edges, v)]++;
                }
            }
        }
    }

    /// <summary>Counts NaN values four at a time (a value is NaN exactly when it differs from itself).</summary>
    public static int CountNaN(ReadOnlySpan<double> data)
    {
        int nan = 0, i = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            for (; i + 4 <= data.Length; i += 4)
            {
                var v = Vector256.Create(data.Slice(i, 4));
                nan += BitOperations.PopCount(Vector256.Equals(v, v).ExtractMostSignificantBits() ^ 0xFu);
            }
        }

        for (; i < data.Length; i++)
        {
            nan += double.IsNaN(data[i]) ? 1 : 0;
        }

        return nan;
    }

    /// <summary>The plain way: copy the non-NaN values, sort, index.</summary>
    internal static void SelectBySorting(ReadOnlySpan<double> data, int nanCount, ReadOnlySpan<long> ranks, Span<double> results)
    {
        int n = data.Length - nanCount;
        double[] buffer = ArrayPool<double>.Shared.Rent(n);
        try
        {
            int k = 0;
            foreach (double v in data)
            {
                if (!double.IsNaN(v))
                {
                    buffer[k++] = v;
                }
            }

            Span<double> sorted = buffer.AsSpan(0, n);
            sorted.Sort();
            for (int i = 0; i < ranks.Length; i++)
            {
                results[i] = sorted[(int)ranks[i]];
            }
        }
        finally
        {
            ArrayPool<double>.Shared.Return(buffer);
        }
    }

    private static bool TrySelectBySampling(
        ReadOnlySpan<double> data, int nanCount, ReadOnlySpan<long> ranks, Span<double> results, double widen, BinRequest? bins)
    {
        int n = data.Length - nanCount;
        int s = Math.Min(MaxSampleSize, n / 4);
        double[] sample = ArrayPool<double>.Shared.Rent(s);
        double[] bounds = ArrayPool<double>.Shared.Rent(2 * ranks.Length);
        try
        {
            // A fixed seed keeps the run time reproducible; the answer does not depend on it.
            ulong state = 0x5DEECE66DUL ^ (ulong)n;
            for (int i = 0; i < s; i++)
            {
                double v;
                do
                {
                    v = data[(int)(NextRandom(ref state) % (ulong)data.Length)];
                }
                while (double.IsNaN(v));

                sample[i] = v;
            }

            Span<double> sortedSample = sample.AsSpan(0, s);
            sortedSample.Sort();

            // Brackets [lo_j, hi_j] around each wanted rank, merged where they overlap.
            int intervals = 0;
            for (int i = 0; i < ranks.Length; i++)
            {
                double p = (ranks[i] + 0.5) / n;
                double centre = p * s;
                double halfWidth = (widen * Math.Sqrt(s * p * (1 - p))) + 2;
                long loIdx = (long)Math.Floor(centre - halfWidth);
                long hiIdx = (long)Math.Ceiling(centre + halfWidth);
                double lo = loIdx < 0 ? double.NegativeInfinity : sortedSample[(int)loIdx];
                double hi = hiIdx >= s ? double.PositiveInfinity : sortedSample[(int)hiIdx];
                if (intervals > 0 && lo <= bounds[(2 * intervals) - 1])
                {
                    bounds[(2 * intervals) - 1] = Math.Max(hi, bounds[(2 * intervals) - 1]);
                }
                else
                {
                    bounds[2 * intervals] = lo;
                    bounds[(2 * intervals) + 1] = hi;
                    intervals++;
                }
            }

            return SelectWithBrackets(data, nanCount, ranks, results, bounds.AsSpan(0, 2 * intervals), bins);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(sample);
            ArrayPool<double>.Shared.Return(bounds);
        }
    }

    private static bool SelectWithBrackets(
        ReadOnlySpan<double> data, int nanCount, ReadOnlySpan<long> ranks, Span<double> results, ReadOnlySpan<double> bounds, BinRequest? bins)
    {
        int intervals = bounds.Length / 2;

        // Search keys: x is inside bracket j exactly when lo_j <= x < nextUp(hi_j), so the number of
        // keys <= x is odd (2j + 1) inside bracket j and even (2j) in the gap before it. The keys are
        // padded with +inf and compared all at once (BinSearch), with no data-dependent branch.
        var raw = new double[bounds.Length];
        for (int j = 0; j < intervals; j++)
        {
            raw[2 * j] = bounds[2 * j];
            raw[(2 * j) + 1] = Math.BitIncrement(bounds[(2 * j) + 1]);
        }

        double[] keys = BinSearch.Pad(raw);

        Span<long> tally = stackalloc long[bounds.Length + 1];
        tally.Clear();
        var buckets = new double[intervals][];
        var filled = new int[intervals];
        long expected = Math.Max(64, (long)(data.Length * 0.05));
        try
        {
            for (int j = 0; j < intervals; j++)
            {
                buckets[j] = ArrayPool<double>.Shared.Rent((int)Math.Min(expected, data.Length));
            }

            int last = bounds.Length;
            foreach (double x in data)
            {
                int pos = BinSearch.CountAtOrBelowPadded(keys, x);
                if (pos > last)
                {
                    pos = last; // +inf landing on the padding: above every bracket.
                }

                tally[pos]++;
                if ((pos & 1) != 0)
                {
                    int j = pos >> 1;
                    if (filled[j] == buckets[j].Length)
                    {
                        Grow(ref buckets[j]);
                    }

                    buckets[j][filled[j]++] = x;
                }
            }

            // NaN compares false with every key, so every NaN was tallied in the first gap.
            tally[0] -= nanCount;

            int previousBucket = -1;
            int previousK = -1;
            for (int i = 0; i < ranks.Length; i++)
            {
                long r = ranks[i];
                long below = 0;
                int found = -1;
                for (int j = 0; j < intervals; j++)
                {
                    below += tally[2 * j];
                    long inside = tally[(2 * j) + 1];
                    if (r >= below && r < below + inside)
                    {
                        found = j;
                        break;
                    }

                    below += inside;
                }

                if (found < 0)
                {
                    return false;
                }

                int k = (int)(r - below);
                Span<double> bucket = buckets[found].AsSpan(0, filled[found]);
                if (found == previousBucket && k == previousK + 1)
                {
                    // After selecting rank k-1, everything to its right is >= it: the next rank is their minimum.
                    double min = double.PositiveInfinity;
                    foreach (double v in bucket[k..])
                    {
                        min = Math.Min(min, v);
                    }

                    results[i] = min;
                }
                else
                {
                    results[i] = Quickselect(bucket, k);
                }

                previousBucket = found;
                previousK = k;
            }

            if (bins is not null)
            {
                CountFromBrackets(bins, results, bounds, tally, buckets, filled);
            }

            return true;
        }
        finally
        {
            foreach (double[]? b in buckets)
            {
                if (b is not null)
                {
                    ArrayPool<double>.Shared.Return(b);
                }
            }
        }
    }

    /// <summary>
    /// Bins the data from what the bracket pass kept: every edge lies inside a bracket (or in an
    /// empty gap between two brackets that hold consecutive ranks), so all values of a non-empty
    /// gap share one bin, the number of edges below the next bracket; only the bracketed values,
    /// which were copied anyway, are binned one by one.
    /// </summary>
    private static void CountFromBrackets(BinRequest bins, Span<double> results, ReadOnlySpan<double> bounds, Span<long> tally, double[][] buckets, int[] filled)
    {
        double[] edges = bins.MakeEdges(results.ToArray());
        var counts = new long[edges.Length + 1];
        int intervals = bounds.Length / 2;
        for (int j = 0; j <= intervals; j++)
        {
            long gap = tally[2 * j];
            if (gap > 0)
            {
                counts[j < intervals ? BinSearch.Index(edges, bounds[2 * j]) : edges.Length] += gap;
            }

            if (j < intervals)
            {
                foreach (double v in buckets[j].AsSpan(0, filled[j]))
                {
                    counts[BinSearch.Index(edges, v)]++;
                }
            }
        }

        bins.Edges = edges;
        bins.Counts = counts;
    }

    private static void Grow(ref double[] bucket)
    {
        double[] bigger = ArrayPool<double>.Shared.Rent(bucket.Length * 2);
        bucket.AsSpan().CopyTo(bigger);
        ArrayPool<double>.Shared.Return(bucket);
        bucket = bigger;
    }
}
