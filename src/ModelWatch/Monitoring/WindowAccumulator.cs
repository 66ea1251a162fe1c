using System.Runtime.CompilerServices;
using ModelWatch.Internal;
using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>
/// Everything one shard records for one sub-window of one model: event and data-quality counts,
/// latency, and per column the state the drift detectors need (<see cref="NumericCell"/> plus
/// fine-bin counts, or category buckets). Mergeable by addition, reused after a reset, so the
/// logging path allocates nothing.
/// </summary>
/// <remarks>Not thread-safe: a shard's lock guards the accumulator it is writing.</remarks>
internal sealed class WindowAccumulator : IEpochAccumulator<WindowAccumulator>
{
    /// <param name="layout">Where each column's state lives.</param>
    /// <param name="segmentChild">Whether this is one segment's part of a segmented accumulator (which has no segments itself).</param>
    public WindowAccumulator(MonitorLayout layout, bool segmentChild = false)
    {
        Layout = layout;
        _numeric = new NumericCell[layout.NumericColumns];

        CategoricalMissing = new long[layout.CategoricalColumns];
        Categories = new CategoryCounts[layout.CategoricalColumns];
        if (layout.HasReference)
        {
            Bins = new long[layout.BinOffsets[^1]];
            Buckets = new long[layout.BucketOffsets[^1]];
            for (int c = 0; c < Categories.Length; c++)
            {
                Categories[c] = new CategoryCounts(MonitorLayout.UnseenCapacity);
            }

            if (layout.KeepProfiles)
            {
                Sketches = NewSketches(layout.NumericColumns);
            }
        }
        else
        {
            Bins = [];
            Buckets = [];
            Sketches = NewSketches(layout.NumericColumns);
            for (int c = 0; c < Categories.Length; c++)
            {
                Categories[c] = new CategoryCounts(layout.CategoryCapacity);
            }
        }

        if (layout.KeepProfiles)
        {
            Moments = new MomentsState[layout.NumericColumns];
        }

        if (layout.Estimation is { } estimation)
        {
            Estimation = new EstimationAccumulator(estimation);
        }

        if (layout.GatherCoMoments)
        {
            CoMoments = new Estimation.EncodedCoMoments(layout.Schema.NumericFeatures.Length, layout.Schema.CategoricalFeatures.Length);
        }

        if (layout.ExactSamples > 0)
        {
            Samples = new ExactSamples(layout.NumericColumns, layout.ExactSamples);
        }

        if (layout.SegmentSlots > 0 && !segmentChild)
        {
            Segments = new SegmentAccumulators(layout, layout.SegmentSlots);
        }

        if (!segmentChild)
        {
            _trailingLine = new long[CacheLine.Bytes / sizeof(long)];
        }

        Reset(long.MinValue);
    }

    // A cache line never touched, allocated last: a harvest rents every shard its next accumulator
    // one after another on one thread, and without it the next shard's accumulator, whose fields that
    // shard's calls read, would share a line with the end of this one's bin counts, which this shard's
    // calls write (ShardCacheLineTests). Segment children sit inside their parent's shard: none.
#pragma warning disable IDE0052 // kept for where it sits in the heap, never read
    private readonly long[]? _trailingLine;
#pragma warning restore IDE0052

    public MonitorLayout Layout { get; }

    /// <summary>
    /// A segmented model's rows by segment (null when the model is not segmented, and in the
    /// children themselves): the logging path counts a row there only, and the evaluator's fold
    /// merges them into this accumulator (<see cref="SegmentAccumulators.FlattenInto"/>).
    /// </summary>
    public readonly SegmentAccumulators? Segments;

    /// <summary>The sub-window this accumulator belongs to.</summary>
    public long Epoch { get; set; }

    /// <summary>Predictions recorded.</summary>
    public long Events;

    /// <summary>Calls rejected because the feature counts did not match the schema.</summary>
    public long SchemaViolations;

    /// <summary>Predictions whose inference threw (recorded by a prediction scope).</summary>
    public long Errors;

    public long LatencyCount;
    public double LatencySum;
    public double LatencyMax;

    /// <summary>Unknown categories seen (with a reference).</summary>
    public long UnseenCategories;

    /// <summary>What the label-free performance estimate needs (classifiers); null for other models.</summary>
    public readonly EstimationAccumulator? Estimation;

    /// <summary>The rows' reconstruction errors, for models with multivariate drift (<see cref="ModelBuilder.DetectMultivariateDrift(Estimation.ReconstructionDrift)"/>).</summary>
    public ReconstructionSums Reconstruction;

    /// <summary>The rows' co-moments while a production reference is gathered for a multivariate detector fitted from it; null otherwise.</summary>
    public readonly Estimation.EncodedCoMoments? CoMoments;

    private readonly NumericCell[] _numeric;

    /// <summary>
    /// The numeric columns' cells, with whatever the logging path holds in <see cref="Block"/> folded
    /// in first (under the shard's lock, or after the accumulator left the shard, as every read is).
    /// </summary>
    public NumericCell[] Numeric
    {
        get
        {
            if (Block is { HasRows: true } block)
            {
                block.FoldInto(_numeric);
            }

            return _numeric;
        }
    }

    /// <summary>The cells as they are, without folding: for the logging path's rare counts (missing, non-finite, out of range).</summary>
    public NumericCell[] NumericUnfolded => _numeric;

    /// <summary>
    /// Moments by field for the vectorized logging path: given to accumulators a shard takes
    /// (<see cref="NumericRows.Prepare"/>; pooled, so once per accumulator) or by that path on a
    /// segment's first row, never to the evaluator's merge targets; null otherwise.
    /// </summary>
    public NumericBlock? Block;
    public readonly long[] Bins;
    public readonly QuantileSketch[]? Sketches;

    /// <summary>Full moments per numeric column, kept for window profiles only (<see cref="MonitorLayout.KeepProfiles"/>).</summary>
    public readonly MomentsState[]? Moments;
    public readonly long[] CategoricalMissing;

    /// <summary>Raw values per numeric column for exact detectors (<see cref="MonitorLayout.ExactSamples"/>); null when not kept.</summary>
    public readonly ExactSamples? Samples;

    /// <summary>
    /// The normalized rank error of each numeric column's bin counts when they were derived from a
    /// sketch (a profile compared offline); null when every value was counted into its bin (the runtime).
    /// </summary>
    public double[]? BinRankErrors;

    /// <summary>
    /// Per categorical column, whether its bucket counts are approximate (a profile whose bounded
    /// category counter, or whose reference's, no longer tracked every value); null when all are exact.
    /// </summary>
    public bool[]? ApproximateBuckets;
    public readonly long[] Buckets;
    public readonly CategoryCounts[] Categories;

    public bool IsEmpty => Events == 0 && SchemaViolations == 0 && Errors == 0 && LatencyCount == 0 && (Segments is null || Segments.IsEmpty);

    /// <summary>Adds a row's reconstruction error, or counts a row that could not be scored.</summary>
    public void AddReconstruction(bool scored, double error)
    {
        if (scored)
        {
            Reconstruction.Add(error);
        }
        else
        {
            Reconstruction.Skipped++;
        }
    }

    /// <summary>Adds a classifier's prediction to the label-free performance estimate: a binary model's score, or a multiclass model's class index and probabilities.</summary>
    public void AddEstimation(double prediction, ReadOnlySpan<double> probabilities)
    {
        if (Estimation is not { } estimation)
        {
            return;
        }

        if (estimation.Estimation.IsBinary)
        {
            estimation.Add(prediction);
        }
        else if (prediction >= 0 && prediction < estimation.Estimation.Classes)
        {
            estimation.Add((int)prediction, probabilities);
        }
    }

    /// <summary>Records one categorical value of column <paramref name="c"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void AddCategorical(int c, string? value, CategoricalReference? reference)
    {
        if (string.IsNullOrEmpty(value))
        {
            CategoricalMissing[c]++;
            return;
        }

        if (reference is not null)
        {
            AddCategoricalAt(c, value, reference.IndexOf(value), reference);
        }
        else
        {
            Categories[c].Add(value);
        }
    }

    /// <summary><see cref="AddCategorical"/> for a value whose reference bucket is known already (a segment column's, found to route the row).</summary>
    public void AddCategoricalAt(int c, string value, int bucket, CategoricalReference reference)
    {
        Buckets[Layout.BucketOffsets[c] + bucket]++;
        if (bucket == reference.UnseenIndex)
        {
            UnseenCategories++;
            Categories[c].Add(value);
        }
    }

    public void AddLatency(double seconds, bool failed)
    {
        LatencyCount++;
        LatencySum += seconds;
        if (seconds > LatencyMax)
        {
            LatencyMax = seconds;
        }

        if (failed)
        {
            Errors++;
        }
    }

    /// <summary>Adds another accumulator of the same layout.</summary>
    public void Merge(WindowAccumulator other)
    {
        if (!ReferenceEquals(other.Layout, Layout))
        {
            throw new InvalidOperationException("Accumulators of different layouts cannot be merged.");
        }

        Events += other.Events;
        SchemaViolations += other.SchemaViolations;
        Errors += other.Errors;
        LatencyCount += other.LatencyCount;
        LatencySum += other.LatencySum;
        LatencyMax = Math.Max(LatencyMax, other.LatencyMax);
        UnseenCategories += other.UnseenCategories;
        if (Estimation is not null)
        {
            Estimation.Merge(other.Estimation!);
        }

        Reconstruction.Merge(in other.Reconstruction);
        CoMoments?.Merge(other.CoMoments!);

        for (int c = 0; c < Numeric.Length; c++)
        {
            Numeric[c].Merge(in other.Numeric[c]);
        }

        CountArrays.AddInto(Bins, other.Bins);
        CountArrays.AddInto(Buckets, other.Buckets);
        CountArrays.AddInto(CategoricalMissing, other.CategoricalMissing);
        if (Sketches is not null)
        {
            for (int c = 0; c < Sketches.Length; c++)
            {
                Sketches[c].Merge(other.Sketches![c]);
            }
        }

        if (Moments is not null)
        {
            for (int c = 0; c < Moments.Length; c++)
            {
                Moments[c].Merge(in other.Moments![c]);
            }
        }

        for (int c = 0; c < Categories.Length; c++)
        {
            Categories[c].Merge(other.Categories[c]);
        }

        Samples?.Merge(other.Samples!);
    }

    /// <summary>Empties the accumulator for reuse in another sub-window.</summary>
    public void Reset(long epoch)
    {
        Epoch = epoch;
        Events = SchemaViolations = Errors = LatencyCount = UnseenCategories = 0;
        LatencySum = LatencyMax = 0;
        Estimation?.Reset();
        Reconstruction = default;
        CoMoments?.Clear();
        Array.Fill(_numeric, NumericCell.Empty);
        Block?.Clear();
        Array.Clear(Bins);
        Array.Clear(Buckets);
        Array.Clear(CategoricalMissing);
        if (Sketches is not null)
        {
            foreach (var s in Sketches)
            {
                s.Clear();
            }
        }

        if (Moments is not null)
        {
            Array.Fill(Moments, MomentsState.Empty);
        }

        foreach (var c in Categories)
        {
            c.Clear();
        }

        Samples?.Clear();
        Segments?.Reset();
        BinRankErrors = null;
        ApproximateBuckets = null;
    }

    private static QuantileSketch[] NewSketches(int columns)
    {
        var sketches = new QuantileSketch[columns];
        for (int c = 0; c < columns; c++)
        {
            sketches[c] = new QuantileSketch();
        }

        return sketches;
    }
}
