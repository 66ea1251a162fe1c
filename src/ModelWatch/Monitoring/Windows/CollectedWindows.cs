namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluator's side of a monitor's hand-over: what the shards recorded, folded into one
/// accumulator per sub-window (or, before a reference exists, into what is gathered towards a
/// production reference), and the counts a restored snapshot brought.
/// </summary>
/// <remarks>Guarded by the monitor's collect lock; logging threads never touch it.</remarks>
internal sealed class CollectedWindows
{
    /// <summary>
    /// Sub-windows held for the evaluator, at most (four times the longest window, 1,000 sub-windows):
    /// beyond it the oldest are dropped unevaluated and counted in <see cref="Dropped"/>. Only a model
    /// whose windows close faster than the evaluator reports them (count windows at a very high
    /// rate, a very long replay between two evaluations) reaches it.
    /// </summary>
    public const int MaxPendingSubWindows = 4_096;

    private readonly QualityTracker? _quality;
    private readonly Action<WindowAccumulator> _drop;

    /// <param name="schema">The model's schema.</param>
    /// <param name="quality">The quality tracker that counts predictions per sub-window (null without a task).</param>
    /// <param name="layout">The monitor's current layout, which merged windows take.</param>
    /// <param name="dropped">Where sub-windows dropped on overflow are recorded (shared with the shards).</param>
    public CollectedWindows(ModelSchema schema, QualityTracker? quality, Func<MonitorLayout> layout, DroppedSubWindows dropped)
    {
        _quality = quality;
        Dropped = dropped;
        _drop = dropped.Add;
        RestoredTotals = new MonitorTotals(schema);
        Epochs = new EpochWindows<WindowAccumulator>(epoch => new WindowAccumulator(layout()) { Epoch = epoch });
    }

    /// <summary>What the bounded queues dropped: windows touching a dropped sub-window are not reported.</summary>
    public DroppedSubWindows Dropped { get; }

    /// <summary>Sub-windows recorded under the current reference, oldest first (at most <see cref="MaxPendingSubWindows"/>).</summary>
    public EpochWindows<WindowAccumulator> Epochs { get; }

    /// <summary>Everything recorded before a reference existed (null when nothing was).</summary>
    public WindowAccumulator? PreReference { get; private set; }

    /// <summary>The sub-window in which gathering a production reference began.</summary>
    public long FirstGatheredEpoch => PreReference?.Epoch ?? long.MaxValue;

    /// <summary>Accumulators handed over or restored so far: grows with any traffic (or restore), so an unchanged value means none arrived.</summary>
    public long Received { get; private set; }

    /// <summary>A segmented monitor's segment sub-windows (null otherwise).</summary>
    public SegmentWindows? Segments { get; init; }

    /// <summary>The counts a restored snapshot brought (the shards count everything since).</summary>
    public MonitorTotals RestoredTotals { get; }

    /// <summary>
    /// Takes one accumulator handed over by the shards.
    /// </summary>
    /// <param name="accumulator">The accumulator, not empty.</param>
    /// <param name="layout">The monitor's current layout: accumulators of an older one are dropped.</param>
    /// <returns>Whether the accumulator may be reused (its contents were copied or dropped).</returns>
    public bool Fold(WindowAccumulator accumulator, MonitorLayout layout)
    {
        // A segmented accumulator's rows are in its segments: merged into it here, and kept per
        // segment when the whole model's share is kept.
        Segments?.Take(accumulator, keep: accumulator.Epoch > Dropped.Through && accumulator.Layout.HasReference && ReferenceEquals(accumulator.Layout, layout));
        Received++;
        if (accumulator.Epoch <= Dropped.Through)
        {
            // Its sub-window was dropped already (by another shard's share of it): keep none of it.
            Dropped.Add(accumulator);
            return true;
        }

        if (accumulator.Events > 0)
        {
            _quality?.AddPredictions(accumulator.Epoch, accumulator.Events, accumulator.Estimation);
        }

        if (!accumulator.Layout.HasReference)
        {
            if (PreReference is null || !ReferenceEquals(PreReference.Layout, accumulator.Layout))
            {
                PreReference = new WindowAccumulator(accumulator.Layout) { Epoch = accumulator.Epoch };
            }

            PreReference.Merge(accumulator);
            return true;
        }

        if (!ReferenceEquals(accumulator.Layout, layout))
        {
            return true; // recorded under a layout that has since been replaced
        }

        bool merged = Epochs.Add(accumulator) is not null;
        Epochs.DropOldestBeyond(MaxPendingSubWindows, _drop);
        return merged;
    }

    /// <summary>Adds a sub-window restored from a snapshot (totals are restored separately).</summary>
    public void AddRestored(WindowAccumulator accumulator, MonitorLayout layout)
    {
        if (accumulator.IsEmpty || !ReferenceEquals(accumulator.Layout, layout))
        {
            return;
        }

        Received++;
        // Not added to the quality tracker: its own snapshot already holds these predictions
        // (they reached it when the window was folded, before the snapshot was taken).
        Epochs.Add(accumulator);
        Epochs.DropOldestBeyond(MaxPendingSubWindows, _drop);
    }

    /// <summary>Restores what was gathered towards a production reference.</summary>
    public void AddPreReference(WindowAccumulator gathered)
    {
        Received++;
        if (PreReference is null)
        {
            PreReference = gathered;
        }
        else
        {
            PreReference.Merge(gathered);
        }
    }

    /// <summary>Forgets the gathered rows once a reference is installed.</summary>
    public void ClearPreReference() => PreReference = null;
}
