using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Drift;

/// <summary>
/// A frozen PSI reference: bin edges from the reference's quantiles plus the reference's counts and
/// shares, built once so that each evaluation of a window costs O(bins) from that window's counts.
/// </summary>
/// <remarks>
/// <para>
/// A runtime keeps, per window, one counter per bin (<see cref="BinEdges.BinIndex"/> of
/// <see cref="Edges"/> gives the bin of a value) and calls <see cref="Evaluate(ReadOnlySpan{long})"/>;
/// no raw data is needed. To store the reference, keep <see cref="Edges"/> and <see cref="Counts"/>
/// and rebuild it with <see cref="FromCounts"/>. Instances are immutable and safe to share between
/// threads.
/// </para>
/// </remarks>
internal sealed class PsiReference
{
    private readonly long[] _counts;
    private readonly double[] _shares;

    private PsiReference(BinEdges edges, long[] counts, long nanCount)
    {
        Edges = edges;
        _counts = counts;
        long total = 0;
        foreach (long c in counts)
        {
            total += c;
        }

        Count = total;
        MissingCount = nanCount;
        _shares = new double[counts.Length];
        PopulationStabilityIndex.Shares(counts, total, _shares);
    }

    /// <summary>Gets the bin edges.</summary>
    public BinEdges Edges { get; }

    /// <summary>Gets the reference count per bin.</summary>
    public ImmutableArray<long> Counts => ImmutableCollectionsMarshal.AsImmutableArray(_counts);

    /// <summary>Gets the reference share per bin (count / total, exact zeros replaced by 1e-4); also on every <see cref="PsiResult"/>.</summary>
    internal ImmutableArray<double> Shares => ImmutableCollectionsMarshal.AsImmutableArray(_shares);

    /// <summary>Gets the number of reference observations.</summary>
    public long Count { get; }

    /// <summary>Gets the number of NaN values excluded from the reference sample.</summary>
    public long MissingCount { get; }

    /// <summary>
    /// Builds the reference from a raw sample: type-7 quantile edges at k/<paramref name="bins"/>
    /// (see <see cref="BinEdges.FromQuantiles"/>) and the sample's counts over them.
    /// </summary>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <param name="bins">The number of quantile bins before duplicate edges are removed; at least 2.</param>
    /// <returns>The frozen reference.</returns>
    /// <exception cref="ArgumentException">The sample is empty or holds only NaN values.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="bins"/> is less than 2.</exception>
    /// <remarks>O(n) expected time: the edges need a few order statistics, not a sort.</remarks>
    public static PsiReference FromSample(ReadOnlySpan<double> reference, int bins = 10)
    {
        var (edges, counts, nan) = BinEdges.FromQuantilesWithCounts(reference, bins);
        return new PsiReference(edges, counts, nan);
    }

    /// <summary>Builds the reference from known edges and a raw sample binned over them.</summary>
    /// <param name="edges">The bin edges.</param>
    /// <param name="reference">The reference sample; NaN values are excluded and counted.</param>
    /// <returns>The frozen reference.</returns>
    /// <exception cref="ArgumentException">The sample is empty or holds only NaN values.</exception>
    public static PsiReference FromBinnedSample(BinEdges edges, ReadOnlySpan<double> reference)
    {
        ArgumentNullException.ThrowIfNull(edges);
        var counts = new long[edges.BinCount];
        int nan = edges.AddCounts(reference, counts);
        SampleGuard.RequireValues(reference.Length, nan, nameof(reference));

        return new PsiReference(edges, counts, nan);
    }

    /// <summary>Builds the reference from a stored profile: edges and the reference counts over them.</summary>
    /// <param name="edges">The bin edges.</param>
    /// <param name="counts">One non-negative count per bin (<see cref="BinEdges.BinCount"/> of them), not all zero.</param>
    /// <returns>The frozen reference.</returns>
    /// <exception cref="ArgumentException">The counts have the wrong length, a negative entry, or total zero.</exception>
    public static PsiReference FromCounts(BinEdges edges, ReadOnlySpan<long> counts)
    {
        ArgumentNullException.ThrowIfNull(edges);
        PopulationStabilityIndex.CheckCounts(counts, edges.BinCount, nameof(counts));
        return new PsiReference(edges, counts.ToArray(), 0);
    }

    /// <summary>Evaluates PSI for a window given its counts over this reference's bins. O(bins).</summary>
    /// <param name="currentCounts">One non-negative count per bin, not all zero.</param>
    /// <returns>The PSI and its bins.</returns>
    /// <exception cref="ArgumentException">The counts have the wrong length, a negative entry, or total zero.</exception>
    public PsiResult Evaluate(ReadOnlySpan<long> currentCounts)
    {
        PopulationStabilityIndex.CheckCounts(currentCounts, _counts.Length, nameof(currentCounts));
        return Evaluate(currentCounts.ToArray(), 0);
    }

    /// <summary>Evaluates PSI for a raw current sample, binned over this reference's edges.</summary>
    /// <param name="current">The current sample; NaN values are excluded and counted.</param>
    /// <returns>The PSI and its bins.</returns>
    /// <exception cref="ArgumentException">The sample is empty or holds only NaN values.</exception>
    public PsiResult Evaluate(ReadOnlySpan<double> current)
    {
        var counts = new long[_counts.Length];
        int nan = Edges.AddCounts(current, counts);
        SampleGuard.RequireValues(current.Length, nan, nameof(current));

        return Evaluate(counts, nan);
    }

    private PsiResult Evaluate(long[] currentCounts, long currentNaN)
    {
        long total = 0;
        foreach (long c in currentCounts)
        {
            total += c;
        }

        var counts = new SampleCounts { Reference = Count, Current = total, ReferenceMissing = MissingCount, CurrentMissing = currentNaN };
        return PopulationStabilityIndex.Result(Counts, Shares, currentCounts, counts, Edges.InteriorEdges, []);
    }
}
