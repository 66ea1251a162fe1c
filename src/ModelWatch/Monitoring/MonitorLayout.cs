using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// Where each column's state lives in a <see cref="WindowAccumulator"/>'s flat arrays, fixed once
/// per reference: with a reference, numeric columns count values over its fine bins and categorical
/// columns over its categories plus an "unseen" bucket; without one (while a production reference
/// is being gathered), numeric columns feed quantile sketches and categorical columns count values.
/// </summary>
internal sealed class MonitorLayout
{
    /// <summary>Distinct unseen categories tracked per column when a reference exists.</summary>
    public const int UnseenCapacity = 64;

    public MonitorLayout(ModelSchema schema, ReferenceProfile? reference, int categoryCapacity, bool keepProfiles = false, int exactSamples = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(exactSamples);
        Schema = schema;
        KeepProfiles = keepProfiles;

        // Raw values only help against a reference (before one exists the windows keep sketches).
        ExactSamples = reference is null ? 0 : exactSamples;
        Reference = reference;
        CategoryCapacity = categoryCapacity;
        NumericColumns = schema.NumericColumns.Length;
        CategoricalColumns = schema.CategoricalColumns.Length;
        BinOffsets = new int[NumericColumns + 1];
        BucketOffsets = new int[CategoricalColumns + 1];
        Binned = new BinnedColumn[reference is null ? 0 : NumericColumns];
        if (reference is not null)
        {
            // The vectorized path reads the reference's grid; only the one-column-at-a-time path
            // needs each column's own lookup (so a reference builds those only when that path runs).
            bool oneAtATime = !NumericRows.Vectorizes(NumericColumns);
            for (int c = 0; c < NumericColumns; c++)
            {
                var column = reference.Numeric[c];
                BinOffsets[c + 1] = BinOffsets[c] + column.Edges.BinCount;
                var edges = ImmutableCollectionsMarshal.AsArray(column.Edges.InteriorEdges)!;
                Binned[c] = new BinnedColumn(edges, oneAtATime ? column.Lookup : null, column.Min, column.Max, BinOffsets[c]);
            }

            for (int c = 0; c < CategoricalColumns; c++)
            {
                BucketOffsets[c + 1] = BucketOffsets[c] + reference.Categorical[c].Categories.Length + 1;
            }
        }

        Rows = NumericRows.For(reference, reference is null ? null : Binned, keepProfiles, ExactSamples > 0);
    }

    public ModelSchema Schema { get; }

    /// <summary>The classifier's label-free performance estimation, whose sums every accumulator of this layout gathers; null for other models.</summary>
    public PerformanceEstimation? Estimation { get; init; }

    public ReferenceProfile? Reference { get; }

    /// <summary>The multivariate drift detector whose row errors every accumulator of this layout sums; null without one (or before a production reference fitted it).</summary>
    public MultivariateDriftDefinition? Multivariate { get; init; }

    /// <summary>Whether accumulators gather the co-moments a production reference fits the multivariate detector from (while it is gathered).</summary>
    public bool GatherCoMoments { get; init; }
    /// <summary>Segment slots per accumulator (the tracked segments plus "(other)"); 0 when the model is not segmented.</summary>
    public int SegmentSlots { get; init; }

    public bool HasReference => Reference is not null;

    /// <summary>Whether windows also keep full moments and sketches for window profiles (<see cref="WindowOptions.KeepProfiles"/>).</summary>
    public bool KeepProfiles { get; }

    /// <summary>Raw values kept per numeric column per accumulator for exact detectors (<see cref="DriftOptions.ExactSamplesUpTo"/>); 0 = none.</summary>
    public int ExactSamples { get; }

    public int CategoryCapacity { get; }

    public int NumericColumns { get; }

    public int CategoricalColumns { get; }

    /// <summary>How rows' numeric values are recorded under this layout.</summary>
    public NumericRows Rows { get; }

    /// <summary>Per numeric column, what the logging path needs from the reference, in one array.</summary>
    public BinnedColumn[] Binned { get; }

    /// <summary>Start of each numeric column's bins in <see cref="WindowAccumulator.Bins"/>; the last entry is the total.</summary>
    public int[] BinOffsets { get; }

    /// <summary>Start of each categorical column's buckets in <see cref="WindowAccumulator.Buckets"/>; the last entry is the total.</summary>
    public int[] BucketOffsets { get; }
}

/// <summary>One numeric column's reference data for the logging path: edges, bin lookup, range, bin offset.</summary>
internal readonly struct BinnedColumn
{
    /// <param name="edges">The reference's interior fine-bin edges, sorted.</param>
    /// <param name="lookup">The edges' bin lookup, for the one-column-at-a-time path; null for the vectorized one.</param>
    /// <param name="min">The reference's smallest value.</param>
    /// <param name="max">The reference's largest value.</param>
    /// <param name="binOffset">Where the column's bins start in a window's bin counts.</param>
    public BinnedColumn(double[] edges, GridBinLookup? lookup, double min, double max, int binOffset)
    {
        Edges = edges;
        Lookup = lookup;
        Min = min;
        Max = max;
        BinOffset = binOffset;

        // A value below Min lies in a bin at most Min's, a value above Max in a bin at least Max's
        // (the bin is monotone in the value), so only values in those outer bins need the compare.
        if (double.IsFinite(min) && double.IsFinite(max) && min <= max)
        {
            int low = BinSearch.Index(edges, min);
            RangeCheckFrom = low + 1;
            BinsInsideRange = Math.Max(BinSearch.Index(edges, max) - low - 1, 0);
        }
    }

    /// <summary>The reference's interior fine-bin edges, sorted.</summary>
    public double[] Edges { get; }

    /// <summary>The edges' bin lookup, for the one-column-at-a-time logging path; null in a layout that logs through the vectorized one.</summary>
    public GridBinLookup? Lookup { get; }

    /// <summary>The reference's smallest value: below it a value is out of range.</summary>
    public double Min { get; }

    /// <summary>The reference's largest value: above it a value is out of range.</summary>
    public double Max { get; }

    /// <summary>Where the column's bins start in a window's bin counts.</summary>
    public int BinOffset { get; }

    /// <summary>The first of the bins that hold only values inside [Min, Max].</summary>
    public int RangeCheckFrom { get; }

    /// <summary>How many bins from <see cref="RangeCheckFrom"/> hold only values inside [Min, Max] (0: check every value).</summary>
    public int BinsInsideRange { get; }

    /// <summary>Whether a value in <paramref name="bin"/> may lie outside [Min, Max] and needs the compare.</summary>
    [System.Runtime.CompilerServices.MethodImpl(System.Runtime.CompilerServices.MethodImplOptions.AggressiveInlining)]
    public bool MayBeOutOfRange(int bin) => (uint)(bin - RangeCheckFrom) >= (uint)BinsInsideRange;
}
