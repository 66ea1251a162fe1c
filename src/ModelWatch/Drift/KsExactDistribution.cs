using System.Buffers;
using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;

namespace ModelWatch.Drift;

/// <summary>
/// The exact null distribution of the two-sided two-sample Kolmogorov–Smirnov statistic:
/// P(D ≥ d) for samples of sizes n and m from one continuous distribution.
/// </summary>
/// <remarks>
/// <para>
/// Under H0 every interleaving of the two sorted samples is equally likely, i.e. the merged order is
/// a uniformly random monotone lattice path from (0, 0) to (n, m) (a step right per reference value,
/// a step up per current value). D ≥ d exactly when the path touches a point with
/// |i·m − j·n| ≥ d·n·m, so P(D ≥ d) = 1 − #{paths with |i·m − j·n| &lt; d·n·m everywhere} / C(n+m, n)
/// (Gnedenko–Korolyuk; Hodges 1957; the same count SciPy's <c>_count_paths_outside_method</c> and the
/// oracle's <c>p_exact_bigint</c> use).
/// </para>
/// <para>
/// Instead of counting paths (which overflow any float for n + m beyond ~1000) the recursion carries
/// probabilities: a uniformly random path at (i, j) steps right with probability (n−i)/(n+m−i−j) and
/// up otherwise. The mass of the cells is propagated one anti-diagonal i + j = k at a time; mass that
/// steps outside the band is absorbed and summed. That absorbed mass <em>is</em> the p-value, so a
/// small p-value is a sum of small positive terms and keeps its relative accuracy (rather than being
/// 1 − (1 − p)). Every cell value is a sum of two non-negative products, so the relative rounding
/// error grows at most linearly with the number of diagonals: below 4·(n+m)·2^-53 in the worst case,
/// far less in practice (measured figures are in docs/detectors-ks.md).
/// </para>
/// <para>
/// Cost: the band holds 2·d·n·m/(n+m) cells per anti-diagonal, n + m anti-diagonals, a fused
/// vectorized update per cell; memory is one buffer of min(n, m) + 3 doubles, rented and not cleared. Cells whose mass has
/// underflowed to zero are dropped from the ends of the active range, which bounds the width by the
/// ~±39 standard deviations of the path's position that a double can represent, whatever d is.
/// </para>
/// </remarks>
internal static class KsExactDistribution
{
    /// <summary>The largest n·m for which lattice numerators fit the recursion's 64-bit band arithmetic.</summary>
    internal const long MaxProduct = 1L << 53;

    /// <summary>
    /// P(D ≥ <paramref name="numerator"/> / (n·m)) under H0, for sample sizes <paramref name="n"/> and
    /// <paramref name="m"/> with n·m ≤ <see cref="MaxProduct"/>.
    /// </summary>
    public static double UpperTail(long n, long m, long numerator)
    {
        if (numerator <= 0)
        {
            return 1.0; // D ≥ 0 always holds
        }

        if (numerator > n * m)
        {
            return 0.0; // D ≤ 1
        }

        // The band condition |i·m − j·n| < numerator is symmetric in the two samples; index the
        // buffer by the smaller one.
        long a = Math.Min(n, m);
        long b = Math.Max(n, m);
        double[] rented = ArrayPool<double>.Shared.Rent(checked((int)a + 3));
        try
        {
            return Propagate(rented, a, b, numerator);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(rented);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static double Propagate(double[] buffer, long a, long b, long numerator)
    {
        long s = a + b;

        // Cell i of the current anti-diagonal lives in buffer[i + 1]; buffer[lo] and buffer[hi + 2]
        // are zero guards for the neighbours just outside the active range [lo, hi].
        // Only [lo, hi + 2] is ever read, and the loop zeroes both guards before each step while the
        // range grows by at most one cell a step: the rest of the (rented, dirty) buffer needs no clearing.
        Span<double> cells = buffer.AsSpan(0, (int)a + 3);
        cells[..3].Clear();
        cells[1] = 1.0;
        long lo = 0;
        long hi = 0;

        // On anti-diagonal k (j = k − i) the band |i·b − j·a| < numerator is
        // (k·a − numerator)/s < i < (k·a + numerator)/s, so in integers
        //   bandLo(k) = floor((k·a − numerator)/s) + 1,   bandHi(k) = floor((k·a + numerator − 1)/s).
        // Both floors advance with k by carrying the remainder: no division inside the loop.
        long qLo = FloorDiv(-numerator, s, out long rLo);
        long qHi = FloorDiv(numerator - 1, s, out long rHi);

        double exited = 0.0;
        double compensation = 0.0; // Neumaier summation of the absorbed mass
        for (long k = 0; k < s; k++)
        {
            rLo += a;
            if (rLo >= s)
            {
                rLo -= s;
                qLo++;
            }

            rHi += a;
            if (rHi >= s)
            {
                rHi -= s;
                qHi++;
            }

            long k1 = k + 1;
            long newLo = Math.Max(lo, k1 - b); // cells with j > b do not exist
            long newHi = Math.Min(hi + 1, a);
            cells[(int)lo] = 0.0;
            cells[(int)hi + 2] = 0.0;
            Step(cells, newLo, newHi, a, b, k);

            long bandLo = qLo + 1;
            long bandHi = qHi;
            while (newLo <= newHi && newLo < bandLo)
            {
                Add(ref exited, ref compensation, cells[(int)newLo + 1]);
                newLo++;
            }

            while (newHi >= newLo && newHi > bandHi)
            {
                Add(ref exited, ref compensation, cells[(int)newHi + 1]);
                newHi--;
            }

            // Drop cells whose mass underflowed to exactly zero: they carry nothing forward.
            while (newLo <= newHi && cells[(int)newLo + 1] == 0.0)
            {
                newLo++;
            }

            while (newHi >= newLo && cells[(int)newHi + 1] == 0.0)
            {
                newHi--;
            }

            if (newLo > newHi)
            {
                break; // all remaining mass has left the band (or underflowed)
            }

            lo = newLo;
            hi = newHi;
        }

        return Math.Clamp(exited + compensation, 0.0, 1.0);
    }

    /// <summary>
    /// One anti-diagonal step k → k + 1, in place and descending so that every read sees the old
    /// value: P'(i) = [P(i−1)·(a−i+1) + P(i)·(b−k+i)] / (a+b−k).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void Step(Span<double> cells, long lo, long hi, long a, long b, long k)
    {
        double scale = 1.0 / (a + b - k);
        double aPlus1 = a + 1;
        double bMinusK = b - k;
        ref double c = ref MemoryMarshal.GetReference(cells);
        long i = hi;

        if (Vector.IsHardwareAccelerated && hi - lo + 1 >= Vector<double>.Count)
        {
            int width = Vector<double>.Count;
            var vScale = new Vector<double>(scale);
            var step = new Vector<double>(width);

            // index = (i−width+1 .. i); the weights a−i+1 and b−k+i are exact small integers.
            var index = new Vector<double>(i - width + 1) + Vector<double>.Indices;
            var wLeft = new Vector<double>(aPlus1) - index;
            var wSelf = new Vector<double>(bMinusK) + index;
            for (; i - width + 1 >= lo; i -= width)
            {
                nuint start = (nuint)(i - width + 1); // cells start..i live at start+1..i+1
                var left = Vector.LoadUnsafe(ref c, start); // P(start−1 .. i−1)
                var self = Vector.LoadUnsafe(ref c, start + 1); // P(start .. i)
                var next = Vector.FusedMultiplyAdd(left, wLeft, self * wSelf) * vScale;
                next.StoreUnsafe(ref c, start + 1);
                wLeft += step;
                wSelf -= step;
            }
        }

        for (; i >= lo; i--)
        {
            ref double self = ref Unsafe.Add(ref c, (nint)(i + 1));
            double left = Unsafe.Add(ref c, (nint)i);
            self = Math.FusedMultiplyAdd(left, aPlus1 - i, self * (bMinusK + i)) * scale;
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Add(ref double sum, ref double compensation, double term)
    {
        double t = sum + term;
        compensation += Math.Abs(sum) >= Math.Abs(term) ? (sum - t) + term : (term - t) + sum;
        sum = t;
    }

    private static long FloorDiv(long x, long y, out long remainder)
    {
        long q = Math.DivRem(x, y, out remainder);
        if (remainder < 0)
        {
            q--;
            remainder += y;
        }

        return q;
    }
}
