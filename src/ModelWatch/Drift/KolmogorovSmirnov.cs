using System.Buffers;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelWatch.Internal;
using ModelWatch.Statistics;

namespace ModelWatch.Drift;

/// <summary>
/// The two-sided two-sample Kolmogorov–Smirnov test: does the current sample come from the same
/// continuous distribution as the reference?
/// </summary>
/// <remarks>
/// <para><b>Statistic.</b> D = sup over x of |F_ref(x) − F_cur(x)|, where F_ref and F_cur are the
/// right-continuous empirical CDFs, evaluated at every pooled value <em>after</em> all values tied there
/// (as SciPy's <c>ks_2samp</c> does). D is computed exactly as an integer over n·m and reported
/// correctly rounded; D⁺ = max(F_ref − F_cur) and D⁻ = max(F_cur − F_ref) come with it.</para>
/// <para><b>Data.</b> NaN values are excluded and counted (<see cref="KsResult.Counts"/>). ±∞ are ordinary values at the ends of the order; −0.0 and
/// +0.0 are equal. A sample that is empty, or all NaN, is an <see cref="ArgumentException"/> naming that
/// argument. Two identical constant samples give D = 0 and p = 1.</para>
/// <para><b>p-value</b> (always two-sided, P(D ≥ observed) under H0):</para>
/// <list type="bullet">
/// <item><see cref="KsMethod.Exact"/>: the exact permutation distribution for continuous data (ties are
/// ignored by the null distribution, as in SciPy), from a band-limited lattice-path recursion in
/// O(n + m) memory. Worst-case relative rounding error 4·(n+m)·2^-53; measured against exact integer
/// path counts: at most 2.3·10^-15 relative (docs/detectors-ks.md).
/// Where SciPy's exact recursion fails numerically and SciPy silently returns its asymptotic value
/// instead (for example interleaved samples of equal size with D = 1/n), this method returns the true
/// exact value. Requires n·m ≤ 2^53 and n, m &lt; 2^31.</item>
/// <item><see cref="KsMethod.Asymptotic"/>: SciPy's <c>kstwo.sf(D, N)</c> with
/// N = round-half-even(n·m/(n+m)), the exact distribution of the one-sample two-sided statistic at
/// size N (Simard and L'Ecuyer 2011), <em>not</em> the Kolmogorov limit. For n = m = 1, N rounds to 0
/// and SciPy returns NaN; this library returns the exact p-value instead and reports
/// <see cref="KsMethod.Exact"/> as the method used.</item>
/// <item><see cref="KsMethod.Auto"/>: exact when max(n, m) ≤ 10,000, otherwise asymptotic (SciPy's
/// rule). Because the exact method never fails, Auto returns the true exact value in the few cases
/// where SciPy's <c>method='auto'</c> falls back to the asymptotic one.</item>
/// </list>
/// </remarks>
public static class KolmogorovSmirnov
{
    /// <summary>The largest max(n, m) for which <see cref="KsMethod.Auto"/> uses the exact method.</summary>
    internal const long AutoExactLimit = 10_000;

    /// <summary>Tests whether <paramref name="current"/> is drawn from the distribution of <paramref name="reference"/>.</summary>
    /// <param name="reference">The reference sample (for example training data). NaN values are excluded.</param>
    /// <param name="current">The current sample (for example a recent window). NaN values are excluded.</param>
    /// <param name="method">How to compute the p-value; the default is <see cref="KsMethod.Auto"/>.</param>
    /// <returns>D, D⁺, D⁻, the two-sided p-value, the method used and the counts.</returns>
    /// <remarks>
    /// Cost: O(n + m) sorting (a radix sort over the IEEE-754 bit patterns above ~3,000 values) plus
    /// one merge walk; the exact p-value adds O(D·n·m) work (bounded by O((n + m)^1.5)) and
    /// O(min(n, m)) memory. Allocates one copy of each sample.
    /// </remarks>
    /// <exception cref="ArgumentException">A sample is empty or holds only NaN values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not defined, or is
    /// <see cref="KsMethod.Exact"/> with n·m above 2^53 or n or m of 2^31 or more.</exception>
    public static KsResult TwoSample(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, KsMethod method = KsMethod.Auto)
    {
        RequireDefined(method);
        double[] referenceValues = SampleGuard.CopyWithoutNaN(reference, nameof(reference), out int referenceNaN);
        double[] currentValues = SampleGuard.CopyWithoutNaN(current, nameof(current), out int currentNaN);
        int n = referenceValues.Length;
        int m = currentValues.Length;
        RequireExactFeasible(method, n, m);

        Span<ulong> referenceKeys = RadixSort.ToKeysInPlace(referenceValues);
        Span<ulong> currentKeys = RadixSort.ToKeysInPlace(currentValues);
        ulong[]? scratch = Math.Max(n, m) >= RadixSort.Threshold ? ArrayPool<ulong>.Shared.Rent(Math.Max(n, m)) : null;
        KsLatticeStatistic statistic;
        try
        {
            SortInto(referenceKeys, scratch);
            SortInto(currentKeys, scratch);
            statistic = KsLatticeStatistic.FromSortedKeys(referenceKeys, currentKeys);
        }
        finally
        {
            if (scratch is not null)
            {
                ArrayPool<ulong>.Shared.Return(scratch);
            }
        }

        return Complete(statistic, method, referenceNaN, currentNaN);
    }

    /// <summary>
    /// The two-sided p-value of a known statistic D for sample sizes n and m, for example a D computed
    /// from sketches or bins.
    /// </summary>
    /// <param name="statistic">D, in [0, 1].</param>
    /// <param name="referenceCount">n ≥ 1.</param>
    /// <param name="currentCount">m ≥ 1.</param>
    /// <param name="method">How to compute the p-value; the default is <see cref="KsMethod.Auto"/>
    /// (exact when max(n, m) ≤ 10,000).</param>
    /// <returns>P(D ≥ <paramref name="statistic"/>) under H0.</returns>
    /// <remarks>
    /// <para>The exact distribution lives on the lattice of multiples of 1/L, L = lcm(n, m): every
    /// two-sample D is some h/L. The exact method therefore snaps <paramref name="statistic"/> to the
    /// nearest lattice value, h = round(D·L) (computed in double precision), and returns P(D ≥ h/L).
    /// A D that is a correctly rounded h/L (as <see cref="TwoSample"/> and
    /// <see cref="FromBinnedCounts"/> report it) snaps back to exactly h whenever L &lt; 2^51. A D from
    /// an approximation (a sketch) snaps to its nearest attainable value.</para>
    /// <para>The asymptotic method uses <paramref name="statistic"/> as given.</para>
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range, or the exact method was
    /// asked for with n·m above 2^53 or n or m of 2^31 or more.</exception>
    public static double PValue(double statistic, long referenceCount, long currentCount, KsMethod method = KsMethod.Auto)
    {
        if (!(statistic >= 0 && statistic <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(statistic), statistic, "D must lie in [0, 1].");
        }

        ArgumentOutOfRangeException.ThrowIfLessThan(referenceCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(currentCount, 1);
        RequireDefined(method);
        RequireExactFeasible(method, referenceCount, currentCount);

        KsMethod used = Resolve(method, referenceCount, currentCount);
        if (statistic == 0)
        {
            return 1.0;
        }

        if (used == KsMethod.Asymptotic)
        {
            return KolmogorovDistribution.Sf(EffectiveSize(referenceCount, currentCount), statistic);
        }

        long gcd = GreatestCommonDivisor(referenceCount, currentCount);
        long lcm = referenceCount / gcd * currentCount;
        long h = (long)Math.Round(statistic * lcm, MidpointRounding.AwayFromZero);
        return KsExactDistribution.UpperTail(referenceCount, currentCount, h * gcd);
    }

    /// <summary>
    /// The test on counts over the same ordered bins (for example a window's counts over the
    /// reference's quantile edges) instead of raw values.
    /// </summary>
    /// <param name="referenceCounts">Reference counts per bin, in bin order; non-negative.</param>
    /// <param name="currentCounts">Current counts over the same bins; non-negative, same length.</param>
    /// <param name="method">How to compute the p-value; the default is <see cref="KsMethod.Auto"/>.</param>
    /// <returns>The statistic over the bin boundaries and its p-value; NaN counts are 0.
    /// <see cref="KsResult.StatisticErrorBound"/> is the largest bin share of either sample, max over b of
    /// max(r_b/n, c_b/m), so D_raw lies in [D, D + bound].</returns>
    /// <remarks>
    /// <para>The ECDFs can only be compared at bin boundaries, so the reported
    /// D_bins = max over boundaries b of |R_b/n − C_b/m| (R_b, C_b cumulative counts) is a lower bound
    /// of the D of the underlying raw values. Inside bin b the raw ECDFs move by r_b/n and c_b/m
    /// (the bin's shares of each sample), monotonically, so</para>
    /// <para>D_bins ≤ D_raw ≤ D_bins + max over b of max(r_b/n, c_b/m).</para>
    /// <para>(Proof: for x in bin b, F_ref(x) − F_cur(x) lies between Δ_(b−1) − c_b/m and
    /// Δ_(b−1) + r_b/n, where Δ_(b−1) is the difference at the bin's lower boundary.) Because the
    /// exact p-value decreases in D, the p-value from binned counts is conservative: at least the
    /// p-value the raw values would give, for the exact method.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">The spans differ in length or are empty, a count is negative,
    /// a sample's counts are all zero, or a total overflows a 64-bit integer.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="method"/> is not defined, or is
    /// <see cref="KsMethod.Exact"/> with n·m above 2^53 or n or m of 2^31 or more.</exception>
    public static KsResult FromBinnedCounts(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, KsMethod method = KsMethod.Auto)
    {
        RequireDefined(method);
        var statistic = BinnedStatistic(referenceCounts, currentCounts);
        return FromBinnedStatistic(statistic, referenceCounts, currentCounts, method);
    }

    /// <summary>
    /// The checks and the lattice statistic of <see cref="FromBinnedCounts"/>, before any p-value: a
    /// caller that chooses the p-value's method from D (<see cref="KsVerdictScreen"/>) computes D once.
    /// </summary>
    internal static KsLatticeStatistic BinnedStatistic(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        if (referenceCounts.IsEmpty)
        {
            throw new ArgumentException("There are no bins.", nameof(referenceCounts));
        }

        if (currentCounts.Length != referenceCounts.Length)
        {
            throw new ArgumentException(
                $"Expected {referenceCounts.Length} bins, like the reference, but got {currentCounts.Length}.",
                nameof(currentCounts));
        }

        SampleGuard.RequireNonNegative(referenceCounts, nameof(referenceCounts));
        SampleGuard.RequireNonNegative(currentCounts, nameof(currentCounts));
        long n = Total(referenceCounts, nameof(referenceCounts));
        long m = Total(currentCounts, nameof(currentCounts));
        return KsLatticeStatistic.FromBinnedCounts(referenceCounts, currentCounts, n, m);
    }

    /// <summary><see cref="FromBinnedCounts"/>'s result from its <see cref="BinnedStatistic"/>, with the p-value of <paramref name="method"/>.</summary>
    internal static KsResult FromBinnedStatistic(in KsLatticeStatistic statistic, ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, KsMethod method)
    {
        long n = statistic.ReferenceCount, m = statistic.CurrentCount;
        RequireExactFeasible(method, n, m);
        return Complete(statistic, method, 0, 0) with { StatisticErrorBound = LargestBinShare(referenceCounts, currentCounts, n, m) };
    }

    /// <summary>max over b of max(r_b/n, c_b/m): how far the raw ECDFs can move inside one bin.</summary>
    internal static double LargestBinShare(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, long n, long m)
    {
        long r = 0, c = 0;
        for (int b = 0; b < referenceCounts.Length; b++)
        {
            r = Math.Max(r, referenceCounts[b]);
            c = Math.Max(c, currentCounts[b]);
        }

        return Math.Max((double)r / n, (double)c / m);
    }

    /// <summary>
    /// The KS test from two quantile sketches, without the raw data: D̂ is the largest difference of
    /// the sketches' estimated CDFs, and the p-value uses D̂ with the sketches' counts.
    /// </summary>
    /// <param name="reference">The reference sketch.</param>
    /// <param name="current">The current sketch.</param>
    /// <param name="method">How to compute the p-value. The default is <see cref="KsMethod.Auto"/>.</param>
    /// <returns>The result; <see cref="KsResult.StatisticErrorBound"/> is ε_ref + ε_cur.</returns>
    /// <remarks>
    /// <para>
    /// Bound: each sketch's estimated CDF is within its <see cref="QuantileSketch.RankErrorBound"/>
    /// ε of the true empirical CDF at every x (99% confidence each; exactly 0 while a sketch has not
    /// compacted), so |F̂_ref − F̂_cur| and |F_ref − F_cur| differ by at most ε_ref + ε_cur everywhere,
    /// and so do their suprema: |D̂ − D| ≤ ε_ref + ε_cur. Both estimated CDFs are right-continuous
    /// step functions, so D̂ is attained at a retained value and a merge walk over the two sorted
    /// views finds it in O(retained) time.
    /// </para>
    /// <para>NaN and ±Infinity never enter a sketch (they are counted there); n and m are the sketches' counts.</para>
    /// </remarks>
    /// <exception cref="ArgumentException">A sketch is empty.</exception>
    public static KsResult FromSketches(QuantileSketch reference, QuantileSketch current, KsMethod method = KsMethod.Auto)
    {
        ArgumentNullException.ThrowIfNull(reference);
        ArgumentNullException.ThrowIfNull(current);
        RequireDefined(method);
        if (reference.IsEmpty)
        {
            throw new ArgumentException("The reference sketch is empty.", nameof(reference));
        }

        if (current.IsEmpty)
        {
            throw new ArgumentException("The current sketch is empty.", nameof(current));
        }

        long n = reference.Count, m = current.Count;
        KsMethod used = Resolve(method, n, m);
        if (used == KsMethod.Exact)
        {
            RequireExactFeasible(method, n, m);
        }

        var (d, dPlus, dMinus) = SketchDistance.MaxCdfDifference(reference, current);
        return new KsResult
        {
            PValue = d == 0 ? 1.0 : PValue(d, n, m, used),
            Method = used,
            Counts = new SampleCounts { Reference = n, Current = m },
            DPlus = dPlus,
            DMinus = dMinus,
            StatisticErrorBound = reference.RankErrorBound + current.RankErrorBound,
        };
    }

    /// <summary>N = round-half-even(n·m/(n+m)) evaluated in double precision, exactly as SciPy does.</summary>
    internal static long EffectiveSize(long n, long m)
    {
        double a = Math.Max(n, m);
        double b = Math.Min(n, m);
        double en = a * b / (a + b);
        return (long)Math.Round(en, MidpointRounding.ToEven);
    }

    private static KsResult Complete(KsLatticeStatistic statistic, KsMethod method, int referenceNaN, int currentNaN)
    {
        long n = statistic.ReferenceCount;
        long m = statistic.CurrentCount;
        double d = statistic.Statistic;
        KsMethod used = Resolve(method, n, m);
        double p;
        if (statistic.Numerator == 0)
        {
            p = 1.0;
        }
        else if (used == KsMethod.Asymptotic)
        {
            p = KolmogorovDistribution.Sf(EffectiveSize(n, m), d);
        }
        else
        {
            p = KsExactDistribution.UpperTail(n, m, (long)statistic.Numerator);
        }

        return new KsResult
        {
            PValue = p,
            Method = used,
            Counts = new SampleCounts { Reference = n, Current = m, ReferenceMissing = referenceNaN, CurrentMissing = currentNaN },
            DPlus = statistic.DPlus,
            DMinus = statistic.DMinus,
            StatisticNumerator = statistic.Numerator,
        };
    }

    /// <summary>
    /// The method actually used: Auto resolves by size, and Asymptotic with N = 0 (only n = m = 1,
    /// where SciPy returns NaN) becomes Exact rather than a silent NaN.
    /// </summary>
    private static KsMethod Resolve(KsMethod method, long n, long m)
    {
        if (method == KsMethod.Auto)
        {
            method = Math.Max(n, m) <= AutoExactLimit ? KsMethod.Exact : KsMethod.Asymptotic;
        }

        if (method == KsMethod.Asymptotic && EffectiveSize(n, m) == 0)
        {
            method = KsMethod.Exact;
        }

        return method;
    }

    private static void RequireDefined(KsMethod method)
    {
        if (method is not (KsMethod.Auto or KsMethod.Exact or KsMethod.Asymptotic))
        {
            throw new ArgumentOutOfRangeException(nameof(method), method, "Unknown method.");
        }
    }

    private static void RequireExactFeasible(KsMethod method, long n, long m)
    {
        // The recursion walks n + m anti-diagonals with 64-bit band arithmetic: both limits keep it
        // finite in time and exact in its integers.
        if (Resolve(method, n, m) == KsMethod.Exact
            && ((Int128)n * m > KsExactDistribution.MaxProduct || Math.Max(n, m) > int.MaxValue))
        {
            throw new ArgumentOutOfRangeException(
                nameof(method),
                method,
                $"The exact p-value needs n·m ≤ 2^53 and n, m < 2^31; got n = {n}, m = {m}. Use KsMethod.Asymptotic.");
        }
    }

    private static long GreatestCommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return a;
    }

    private static long Total(ReadOnlySpan<long> counts, string paramName)
    {
        long total = 0;
        foreach (long c in counts)
        {
            if (long.MaxValue - total < c)
            {
                throw new ArgumentException("The counts add up to more than a 64-bit integer holds.", paramName);
            }

            total += c;
        }

        if (total == 0)
        {
            throw new ArgumentException("Every count is zero: the sample is empty.", paramName);
        }

        return total;
    }

    /// <summary>Sorts keys in place, through the shared scratch buffer when the radix sort is used.</summary>
    private static void SortInto(Span<ulong> keys, ulong[]? scratch)
    {
        if (scratch is null || keys.Length < RadixSort.Threshold)
        {
            keys.Sort();
            return;
        }

        Span<ulong> sorted = RadixSort.SortKeys(keys, scratch.AsSpan(0, keys.Length));
        if (!Unsafe.AreSame(ref MemoryMarshal.GetReference(sorted), ref MemoryMarshal.GetReference(keys)))
        {
            sorted.CopyTo(keys);
        }
    }
}
