using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace ModelWatch.Internal;

/// <summary>
/// Finds the bin of a value among sorted interior edges: the number of edges strictly below the
/// value, so bins are right-closed, (e[k−1], e[k]], and the outer bins are open. One place for the
/// binning rule that histograms, PSI bins, order-statistic selection and the monitoring runtime share.
/// </summary>
/// <remarks>
/// With few edges a vector compare of all of them beats a binary search: a binary search over
/// random data mispredicts about half of its branches, while 4 lanes per compare, a mask and a
/// popcount have no data-dependent branch. NaN compares false everywhere, so its index is 0.
/// </remarks>
internal static class BinSearch
{
    /// <summary>Edge counts up to this use a vectorized scan; larger ones a branch-free binary search.</summary>
    public const int LinearScanLimit = 16;

    /// <summary>
    /// Copies <paramref name="edges"/> into an array padded with +∞ to a multiple of 4, the layout
    /// <see cref="IndexPadded"/> reads four edges at a time from.
    /// </summary>
    public static double[] Pad(ReadOnlySpan<double> edges)
    {
        var padded = new double[Math.Max(4, (edges.Length + 3) & ~3)];
        edges.CopyTo(padded);
        padded.AsSpan(edges.Length).Fill(double.PositiveInfinity);
        return padded;
    }

    /// <summary>The number of edges strictly below <paramref name="value"/> (value not NaN).</summary>
    /// <param name="padded">Edges from <see cref="Pad"/>.</param>
    /// <param name="edgeCount">The number of real edges.</param>
    /// <param name="value">The value.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int IndexPadded(double[] padded, int edgeCount, double value)
    {
        if (edgeCount > LinearScanLimit || !Vector256.IsHardwareAccelerated)
        {
            return Index(padded.AsSpan(0, edgeCount), value);
        }

        // Padding edges are +∞, and value > +∞ is false, so they never count.
        var v = Vector256.Create(value);
        ref double e = ref padded[0];
        int count = 0;
        for (int i = 0; i < padded.Length; i += 4)
        {
            var gt = Vector256.GreaterThan(v, Vector256.LoadUnsafe(ref e, (nuint)i));
            count += BitOperations.PopCount(gt.ExtractMostSignificantBits());
        }

        return count;
    }

    /// <summary>
    /// The number of padded keys at or below <paramref name="value"/> (every key of
    /// <paramref name="padded"/>, padding included, so +∞ counts the padding too).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static int CountAtOrBelowPadded(double[] padded, double value)
    {
        int count = 0;
        if (Vector256.IsHardwareAccelerated)
        {
            var v = Vector256.Create(value);
            ref double e = ref padded[0];
            for (int i = 0; i < padded.Length; i += 4)
            {
                count += BitOperations.PopCount(Vector256.LessThanOrEqual(Vector256.LoadUnsafe(ref e, (nuint)i), v).ExtractMostSignificantBits());
            }

            return count;
        }

        foreach (double k in padded)
        {
            count += k <= value ? 1 : 0;
        }

        return count;
    }

    /// <summary>The number of edges strictly below <paramref name="value"/>, by branch-free binary search.</summary>
    public static int Index(ReadOnlySpan<double> edges, double value)
    {
        int lo = 0, n = edges.Length;
        while (n > 0)
        {
            int half = n >> 1;
            // Conditional selects rather than branches: which way a value goes is unpredictable.
            bool below = edges[lo + half] < value;
            lo = below ? lo + half + 1 : lo;
            n = below ? n - half - 1 : half;
        }

        return lo;
    }

    /// <summary>Throws unless the edges are finite and strictly increasing.</summary>
    public static void Validate(ReadOnlySpan<double> edges, string paramName)
    {
        for (int i = 0; i < edges.Length; i++)
        {
            if (!double.IsFinite(edges[i]))
            {
                throw new ArgumentException($"Edge {i} is not finite ({edges[i]}).", paramName);
            }

            if (i > 0 && !(edges[i] > edges[i - 1]))
            {
                throw new ArgumentException($"Edges must be strictly increasing: edge {i} ({edges[i]}) follows {edges[i - 1]}.", paramName);
            }
        }
    }
}
