using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// The Population Stability Index (PSI) between a reference and a current distribution, over
/// reference-quantile bins (numeric data) or categories.
/// </summary>
/// <remarks>
/// <para>
/// Convention (ModelWatch; oracles README §4): interior edges are the reference's type-7 quantiles
/// at k/bins with duplicates removed; a value's bin is the number of edges strictly below it
/// (right-closed bins, open outer bins); shares are count / total with exact zeros replaced by
/// <see cref="ZeroShareReplacement"/> (nonzero shares left alone, nothing renormalised); and
/// PSI = Σ (cur − ref)·ln(cur / ref), natural log. PSI is symmetric and non-negative; identical
/// distributions give 0.
/// </para>
/// <para>Bands: &lt; 0.1 stable, 0.1–0.25 moderate, ≥ 0.25 major (<see cref="PsiBand"/>).</para>
/// </remarks>
public static class PopulationStabilityIndex
{
    /// <summary>The detector name used in <see cref="DriftResult.Detector"/>.</summary>
    public const string DetectorName = "psi";

    /// <summary>The default number of quantile bins.</summary>
    public const int DefaultBins = 10;

    /// <summary>The default drift threshold: 0.1, the start of the "moderate" band (also Evidently's default).</summary>
    public const double DefaultThreshold = 0.1;

    /// <summary>The lower bound of <see cref="PsiBand.Moderate"/>.</summary>
    public const double ModerateThreshold = 0.1;

    /// <summary>The lower bound of <see cref="PsiBand.Major"/>.</summary>
    public const double MajorThreshold = 0.25;

    /// <summary>The share used in place of an exact zero, so the logarithm stays finite.</summary>
    public const double ZeroShareReplacement = 1e-4;

    /// <summary>Computes PSI between two raw samples over the reference's quantile bins.</summary>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <param name="bins">The number of quantile bins before duplicate edges are removed; at least 2.</param>
    /// <returns>The PSI with its edges, counts and shares.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only NaN values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    /// <remarks>
    /// O(n_ref + n_cur·log bins): the reference's edges come from a selection of the few order
    /// statistics needed, not a sort. A constant reference gives one edge and two bins.
    /// </remarks>
    public static PsiResult Compute(ReadOnlySpan<double> reference, ReadOnlySpan<double> current, int bins = DefaultBins)
    {
        if (current.IsEmpty)
        {
            throw new ArgumentException("The sample is empty.", nameof(current));
        }

        return PsiReference.FromSample(reference, bins).Evaluate(current);
    }

    /// <summary>Computes PSI between two raw samples over given bin edges.</summary>
    /// <param name="edges">The bin edges.</param>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <returns>The PSI with its edges, counts and shares.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only NaN values.</exception>
    internal static PsiResult ComputeWithEdges(BinEdges edges, ReadOnlySpan<double> reference, ReadOnlySpan<double> current) =>
        PsiReference.FromBinnedSample(edges, reference).Evaluate(current);

    /// <summary>Computes PSI from counts over the same bins (a profile): O(bins).</summary>
    /// <param name="referenceCounts">Reference count per bin; non-negative, not all zero.</param>
    /// <param name="currentCounts">Current count per bin, aligned with <paramref name="referenceCounts"/>.</param>
    /// <returns>The PSI with its counts and shares (no edges).</returns>
    /// <exception cref="ArgumentException">The spans differ in length, have fewer than 2 bins, a negative entry, or total zero.</exception>
    public static PsiResult FromCounts(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts)
    {
        if (referenceCounts.Length < 2)
        {
            throw new ArgumentException("At least 2 bins are required.", nameof(referenceCounts));
        }

        var counts = AlignedCounts.FromSpans(referenceCounts, currentCounts);
        return Build(counts.Reference.ToArray(), counts.Current.ToArray(), counts.Counts, [], []);
    }

    /// <summary>
    /// Computes PSI between two categorical distributions given as category → count maps.
    /// </summary>
    /// <param name="reference">Reference count per category; non-negative, not all zero.</param>
    /// <param name="current">Current count per category; non-negative, not all zero.</param>
    /// <returns>
    /// The PSI. Bins are the reference's categories in ordinal order plus one last "unseen" bucket
    /// that pools every current category absent from <paramref name="reference"/>.
    /// </returns>
    /// <exception cref="ArgumentException">A map has a negative count or totals zero.</exception>
    /// <remarks>
    /// Pooling unseen categories keeps the number of bins bounded by the reference (a stream of
    /// new, rare labels cannot inflate PSI one ε-term at a time), while a large unseen mass still
    /// shows: its reference share is ε = 1e-4, so an unseen share u adds about u·ln(u/ε).
    /// </remarks>
    public static PsiResult FromCategoryCounts(IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current) =>
        FromCategoryCounts(reference, current, 0, 0);

    /// <summary>Computes categorical PSI from raw labels (see <see cref="FromCategoryCounts(IReadOnlyDictionary{string, long}, IReadOnlyDictionary{string, long})"/>).</summary>
    /// <param name="reference">Reference labels; null labels are missing values, excluded and counted.</param>
    /// <param name="current">Current labels; null labels are missing values, excluded and counted.</param>
    /// <returns>The PSI with the reference categories and the unseen bucket.</returns>
    /// <exception cref="ArgumentException">A sample is empty or holds only null labels.</exception>
    public static PsiResult FromLabels(ReadOnlySpan<string?> reference, ReadOnlySpan<string?> current)
    {
        var r = CategoryCounting.CountLabels(reference, nameof(reference), out long rMissing);
        var c = CategoryCounting.CountLabels(current, nameof(current), out long cMissing);
        return FromCategoryCounts(r, c, rMissing, cMissing);
    }

    /// <summary>Returns the customary band of a PSI value.</summary>
    /// <param name="psi">The PSI value.</param>
    /// <returns><see cref="PsiBand.Stable"/> below 0.1, <see cref="PsiBand.Moderate"/> below 0.25, otherwise <see cref="PsiBand.Major"/>.</returns>
    /// <exception cref="ArgumentException"><paramref name="psi"/> is NaN.</exception>
    public static PsiBand Classify(double psi)
    {
        if (double.IsNaN(psi))
        {
            throw new ArgumentException("PSI is NaN.", nameof(psi));
        }

        return psi < ModerateThreshold ? PsiBand.Stable : psi < MajorThreshold ? PsiBand.Moderate : PsiBand.Major;
    }

    private static PsiResult FromCategoryCounts(
        IReadOnlyDictionary<string, long> reference, IReadOnlyDictionary<string, long> current, long refMissing, long curMissing)
    {
        long refTotal = CategoryCounting.CheckCounts(reference, nameof(reference));
        long curTotal = CategoryCounting.CheckCounts(current, nameof(current));
        string[] categories = [.. reference.Keys];
        Array.Sort(categories, StringComparer.Ordinal);
        var r = new long[categories.Length + 1];
        var c = new long[categories.Length + 1];
        for (int i = 0; i < categories.Length; i++)
        {
            r[i] = reference[categories[i]];
            c[i] = current.TryGetValue(categories[i], out long n) ? n : 0;
        }

        foreach (var (category, count) in current)
        {
            if (!reference.ContainsKey(category))
            {
                c[^1] += count;
            }
        }

        var counts = new SampleCounts { Reference = refTotal, Current = curTotal, ReferenceMissing = refMissing, CurrentMissing = curMissing };
        return Build(r, c, counts, [], ImmutableCollectionsMarshal.AsImmutableArray(categories));
    }

    /// <summary>
    /// <see cref="FromCounts(ReadOnlySpan{long}, ReadOnlySpan{long})"/>'s verdict alone (the same value,
    /// checks and counts) without building a <see cref="PsiResult"/>: a monitored window's report keeps
    /// only the value, so the shares and copies the result carries would be allocated for nothing.
    /// </summary>
    internal static DriftResult VerdictFromCounts(ReadOnlySpan<long> referenceCounts, ReadOnlySpan<long> currentCounts, double threshold)
    {
        if (referenceCounts.Length < 2)
        {
            throw new ArgumentException("At least 2 bins are required.", nameof(referenceCounts));
        }

        var counts = AlignedCounts.FromSpans(referenceCounts, currentCounts).Counts;
        Span<double> currentShares = referenceCounts.Length <= 256 ? stackalloc double[referenceCounts.Length] : new double[referenceCounts.Length];
        double value = Sum(referenceCounts, counts.Reference, currentCounts, counts.Current, currentShares);
        return DriftResult.FromStatistic(DetectorName, value, threshold, counts);
    }

    private static PsiResult Build(long[] r, long[] c, SampleCounts counts, ImmutableArray<double> edges, ImmutableArray<string> categories)
    {
        var rs = new double[r.Length];
        Shares(r, counts.Reference, rs);
        return Result(ImmutableCollectionsMarshal.AsImmutableArray(r), ImmutableCollectionsMarshal.AsImmutableArray(rs), c, counts, edges, categories);
    }

    /// <summary>
    /// The PSI of current counts against reference counts and shares, whether those were computed
    /// just now (<see cref="Build"/>) or once for a frozen reference (<see cref="PsiReference"/>).
    /// </summary>
    internal static PsiResult Result(
        ImmutableArray<long> referenceCounts,
        ImmutableArray<double> referenceShares,
        long[] currentCounts,
        SampleCounts counts,
        ImmutableArray<double> edges,
        ImmutableArray<string> categories)
    {
        var currentShares = new double[currentCounts.Length];
        return new PsiResult
        {
            Value = Sum(referenceCounts.AsSpan(), counts.Reference, currentCounts, counts.Current, currentShares),
            InteriorEdges = edges,
            Categories = categories,
            ReferenceCounts = referenceCounts,
            CurrentCounts = ImmutableCollectionsMarshal.AsImmutableArray(currentCounts),
            ReferenceShares = referenceShares,
            CurrentShares = ImmutableCollectionsMarshal.AsImmutableArray(currentShares),
            Counts = counts,
        };
    }

    internal static void CheckCounts(ReadOnlySpan<long> counts, int expectedLength, string paramName)
    {
        if (counts.Length != expectedLength)
        {
            throw new ArgumentException($"Expected {expectedLength} counts (one per bin), got {counts.Length}.", paramName);
        }

        CategoryCounting.Total(counts, paramName);
    }

    /// <summary>Shares count / total with exact zeros replaced by ε.</summary>
    internal static void Shares(ReadOnlySpan<long> counts, long total, Span<double> shares)
    {
        for (int i = 0; i < counts.Length; i++)
        {
            shares[i] = counts[i] == 0 ? ZeroShareReplacement : (double)counts[i] / total;
        }
    }

    /// <summary>
    /// PSI from counts; also writes the current shares. Every term (c − r)·ln(c / r) is ≥ 0, so the
    /// sum has no cancellation; within a term, the difference and the ratio are formed from exact
    /// integers so bins whose shares nearly agree keep full relative accuracy.
    /// </summary>
    internal static double Sum(ReadOnlySpan<long> r, long nr, ReadOnlySpan<long> c, long nc, Span<double> currentShares)
    {
        var sum = default(CompensatedSum);
        for (int i = 0; i < r.Length; i++)
        {
            long ri = r[i], ci = c[i];
            currentShares[i] = ci == 0 ? ZeroShareReplacement : (double)ci / nc;
            if (ri > 0 && ci > 0 && nr < int.MaxValue && nc < int.MaxValue)
            {
                // The same terms in 64-bit integers: every product is below 2^62, and a conversion to
                // double rounds an integer the same way from either width.
                long d64 = (ci * nr) - (ri * nc);
                if (d64 == 0)
                {
                    continue;
                }

                double dd64 = d64;
                sum.Add(dd64 / (double)(nc * nr) * LogOnePlus(dd64 / (double)(ri * nc)));
            }
            else if (ri > 0 && ci > 0)
            {
                // cur − ref = d / (nc·nr) and cur / ref = 1 + d / (ri·nc), with d = ci·nr − ri·nc exact.
                Int128 d = ((Int128)ci * nr) - ((Int128)ri * nc);
                if (d == 0)
                {
                    continue;
                }

                double dd = (double)d;
                double diff = dd / (double)((Int128)nc * nr);
                double log = LogOnePlus(dd / (double)((Int128)ri * nc));
                sum.Add(diff * log);
            }
            else
            {
                double rs = ri == 0 ? ZeroShareReplacement : (double)ri / nr;
                double cs = currentShares[i];
                sum.Add((cs - rs) * Math.Log(cs / rs));
            }
        }

        return sum.Value;
    }

    /// <summary>
    /// ln(1 + x) accurate for small |x| (Goldberg, "What every computer scientist should know about
    /// floating-point arithmetic", 1991, Theorem 4: ln(u)·x / (u − 1) with u = 1 + x rounded).
    /// </summary>
    internal static double LogOnePlus(double x)
    {
        double u = 1 + x;
        return u == 1 ? x : Math.Log(u) * x / (u - 1);
    }
}
