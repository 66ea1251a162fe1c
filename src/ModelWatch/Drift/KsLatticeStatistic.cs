using System.Runtime.CompilerServices;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// The two-sample statistic as exact integers: D⁺ = <see cref="PlusNumerator"/> / (n·m) and
/// D⁻ = <see cref="MinusNumerator"/> / (n·m), where n and m are the sample sizes.
/// </summary>
/// <remarks>
/// Every two-sample D is a multiple of 1/lcm(n, m), so an integer numerator over n·m loses nothing,
/// and the exact p-value can use the lattice value itself rather than a rounded double.
/// </remarks>
internal readonly record struct KsLatticeStatistic(long ReferenceCount, long CurrentCount, Int128 PlusNumerator, Int128 MinusNumerator)
{
    /// <summary>Gets D's numerator over n·m: the larger of the two one-sided numerators.</summary>
    public Int128 Numerator => PlusNumerator >= MinusNumerator ? PlusNumerator : MinusNumerator;

    /// <summary>Gets n·m, the common denominator.</summary>
    public Int128 Denominator => (Int128)ReferenceCount * CurrentCount;

    /// <summary>Gets D, correctly rounded.</summary>
    public double Statistic => ExactRatio.ToDouble(Numerator, Denominator);

    /// <summary>Gets D⁺ = max(F_ref − F_cur), correctly rounded.</summary>
    public double DPlus => ExactRatio.ToDouble(PlusNumerator, Denominator);

    /// <summary>Gets D⁻ = max(F_cur − F_ref), correctly rounded.</summary>
    public double DMinus => ExactRatio.ToDouble(MinusNumerator, Denominator);

    /// <summary>
    /// Walks two ascending key arrays (see <see cref="RadixSort.ToKey"/>) and returns the exact D⁺ and
    /// D⁻. Both empirical CDFs are evaluated after every value tied at a point has been counted in
    /// both samples, as SciPy's <c>ks_2samp</c> does (it evaluates the ECDFs with
    /// <c>searchsorted(..., side='right')</c> at every pooled value).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)] // one call per test: skip tier-0 code
    public static KsLatticeStatistic FromSortedKeys(ReadOnlySpan<ulong> reference, ReadOnlySpan<ulong> current)
    {
        int n = reference.Length;
        int m = current.Length;

        // diff = i·m − j·n = n·m·(F_ref − F_cur) after i reference and j current values. |diff| ≤ n·m < 2^62.
        long diff = 0;
        long max = 0;
        long min = 0;
        int i = 0;
        int j = 0;
        while (i < n && j < m)
        {
            ulong a = reference[i];
            ulong b = current[j];
            if (a <= b)
            {
                do
                {
                    i++;
                    diff += m;
                }
                while (i < n && reference[i] == a);

                if (b == a)
                {
                    do
                    {
                        j++;
                        diff -= n;
                    }
                    while (j < m && current[j] == a);
                }
            }
            else
            {
                do
                {
                    j++;
                    diff -= n;
                }
                while (j < m && current[j] == b);
            }

            max = Math.Max(max, diff);
            min = Math.Min(min, diff);
        }

        // Once one sample is exhausted, diff moves monotonically to 0 and cannot set a new extreme.
        return new KsLatticeStatistic(n, m, max, -min);
    }

    /// <summary>
    /// The statistic over cumulative bin counts: the ECDFs are compared only at the bin boundaries.
    /// </summary>
    public static KsLatticeStatistic FromBinnedCounts(
        ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, long n, long m)
    {
        if (n < int.MaxValue && m < int.MaxValue)
        {
            // Every partial sum lies within ±n·m < 2^62: 64-bit integers give the same numerators.
            long small = 0, smallMax = 0, smallMin = 0;
            for (int b = 0; b < referenceCounts.Length; b++)
            {
                small += (referenceCounts[b] * m) - (currentCounts[b] * n);
                smallMax = Math.Max(smallMax, small);
                smallMin = Math.Min(smallMin, small);
            }

            return new KsLatticeStatistic(n, m, smallMax, -(Int128)smallMin);
        }

        Int128 diff = 0;
        Int128 max = 0;
        Int128 min = 0;
        for (int b = 0; b < referenceCounts.Length; b++)
        {
            diff += (Int128)referenceCounts[b] * m - (Int128)currentCounts[b] * n;
            if (diff > max)
            {
                max = diff;
            }
            else if (diff < min)
            {
                min = diff;
            }
        }

        return new KsLatticeStatistic(n, m, max, -min);
    }
}
