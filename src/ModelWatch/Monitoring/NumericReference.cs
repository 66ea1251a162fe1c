using System.Collections.Immutable;
using System.Runtime.InteropServices;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The frozen reference of one numeric column: fine bin edges at reference quantiles, the
/// reference's count in each fine bin, the PSI bins (a subset of the fine edges), and summary
/// statistics. Windows count values over the fine bins, so every detector can be evaluated from
/// counts in O(bins).
/// </summary>
/// <remarks>
/// The PSI edges are the type-7 reference quantiles at k/PsiBins, exactly the PSI convention; the
/// fine edges are the quantiles at k/Bins with Bins a multiple of PsiBins, so every PSI edge is also
/// a fine edge and PSI bin counts are sums of fine bin counts. Instances are immutable and shared
/// by all logging threads.
/// </remarks>
internal sealed class NumericReference
{
    private readonly long[] _counts;
    private readonly int[] _psiBinOfFineBin;

    // rankError: the normalized rank error of the cumulative counts (the source sketch's
    // RankErrorBound; 0 when counted from every value). values: every finite reference value, sorted
    // ascending, when the reference keeps them for exact detectors; otherwise null.
    internal NumericReference(
        string name, BinEdges edges, long[] counts, BinEdges psiEdges, long missing, long nonFinite, double mean, double standardDeviation, double min, double max,
        double rankError = 0, double[]? values = null)
    {
        // References also come from snapshots on disk: a damaged one must fail here, not on the logging path.
        if (counts.Length != edges.BinCount || counts.Any(c => c < 0) || missing < 0 || nonFinite < 0)
        {
            throw new ArgumentException($"Numeric reference '{name}' has {counts.Length} counts for {edges.BinCount} bins, or a negative count.", nameof(counts));
        }

        if (!edges.InteriorEdges.All(double.IsFinite) || !psiEdges.InteriorEdges.All(double.IsFinite))
        {
            throw new ArgumentException($"Numeric reference '{name}' has a non-finite bin edge.", nameof(edges));
        }

        if (!(rankError is >= 0 and <= 1))
        {
            throw new ArgumentException($"Numeric reference '{name}' has a rank error of {rankError}; it must be in [0, 1].", nameof(rankError));
        }

        Name = name;
        RankError = rankError;
        Values = values;
        Edges = edges;
        _counts = counts;
        PsiEdges = psiEdges;
        MissingCount = missing;
        NonFiniteCount = nonFinite;
        Mean = mean;
        StandardDeviation = standardDeviation;
        Min = min;
        Max = max;
        foreach (long c in counts)
        {
            Count += c;
        }

        if (values is not null && values.Length != Count)
        {
            throw new ArgumentException($"Numeric reference '{name}' keeps {values.Length} values but counts {Count}.", nameof(values));
        }

        var fine = edges.InteriorEdges.AsSpan();
        _psiBinOfFineBin = new int[counts.Length];
        var psi = psiEdges.InteriorEdges;
        for (int b = 0; b < counts.Length; b++)
        {
            // A fine bin (e[b−1], e[b]] lies inside the PSI bin of its upper edge; the last one is unbounded.
            _psiBinOfFineBin[b] = b < fine.Length ? psiEdges.BinIndex(fine[b]) : psi.Length;
        }

        var psiCounts = new long[psiEdges.BinCount];
        ToPsiCounts(counts, psiCounts);
        PsiCounts = ImmutableCollectionsMarshal.AsImmutableArray(psiCounts);
    }

    /// <summary>Gets the column's name.</summary>
    public string Name { get; }

    /// <summary>Gets the fine bin edges (reference quantiles at k/Bins, duplicates removed).</summary>
    public BinEdges Edges { get; }

    /// <summary>Gets the reference count of each fine bin.</summary>
    public ImmutableArray<long> Counts => ImmutableCollectionsMarshal.AsImmutableArray(_counts);

    /// <summary>Gets the PSI bin edges (reference quantiles at k/PsiBins, duplicates removed).</summary>
    public BinEdges PsiEdges { get; }

    /// <summary>Gets the number of finite reference values.</summary>
    public long Count { get; }

    /// <summary>Gets the number of missing (NaN) reference values.</summary>
    public long MissingCount { get; }

    /// <summary>Gets the number of ±Infinity reference values (not binned).</summary>
    public long NonFiniteCount { get; }

    /// <summary>Gets the reference mean.</summary>
    public double Mean { get; }

    /// <summary>Gets the reference population standard deviation.</summary>
    public double StandardDeviation { get; }

    /// <summary>Gets the smallest reference value.</summary>
    public double Min { get; }

    /// <summary>Gets the largest reference value.</summary>
    public double Max { get; }

    /// <summary>
    /// Gets how far the cumulative bin counts may be from the reference's true ranks, as a share of
    /// <see cref="Count"/>: 0 when every value was counted, the sketch's rank-error bound when the
    /// edges and counts came from a compacted sketch.
    /// </summary>
    public double RankError { get; }

    /// <summary>
    /// Gets every finite reference value, sorted ascending, when the reference keeps them (so KS and
    /// Wasserstein can be evaluated exactly); otherwise null.
    /// </summary>
    internal double[]? Values { get; }

    /// <summary>
    /// The fine edges' bin lookup, built on first use: only the one-column-at-a-time logging path
    /// (no AVX, more than 64 numeric columns) reads it; the vectorized path reads the reference's
    /// <see cref="VectorizedGrid"/>, so references logged through it never hold these tables too.
    /// </summary>
    internal GridBinLookup Lookup =>
        LazyInitializer.EnsureInitialized(ref _lookup, () => new GridBinLookup(Edges.InteriorEdges.AsSpan()));

    private GridBinLookup? _lookup;

    internal ReadOnlySpan<long> CountsSpan => _counts;

    /// <summary>
    /// The reference count of each PSI bin, summed once: every report of every model that shares
    /// this reference holds this one array rather than a copy per column per window.
    /// </summary>
    internal ImmutableArray<long> PsiCounts { get; }

    /// <summary>The PSI bin that contains each fine bin.</summary>
    internal ReadOnlySpan<int> PsiBinOfFineBin => _psiBinOfFineBin;

    /// <summary>Sums fine-bin counts into PSI-bin counts.</summary>
    internal void ToPsiCounts(ReadOnlySpan<long> fineCounts, Span<long> psiCounts)
    {
        psiCounts.Clear();
        for (int b = 0; b < fineCounts.Length; b++)
        {
            psiCounts[_psiBinOfFineBin[b]] += fineCounts[b];
        }
    }
}
