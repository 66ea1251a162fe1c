namespace ModelWatch.Monitoring;

/// <summary>
/// The evaluator's side of a segmented monitor: per segment slot, its rows by sub-window, taken
/// from each handed-over accumulator while its children are merged into the whole model's.
/// </summary>
/// <remarks>Guarded by the monitor's collect lock, like <see cref="CollectedWindows"/>.</remarks>
internal sealed class SegmentWindows
{
    private readonly EpochWindows<WindowAccumulator>?[] _bySlot;
    private readonly Func<MonitorLayout> _layout;
    private readonly SegmentKeys _keys;

    public SegmentWindows(SegmentKeys keys, Func<MonitorLayout> layout, long referenceSize, int multivariateCalibrationWindows)
    {
        int slots = keys.Slots;
        _keys = keys;
        _bySlot = new EpochWindows<WindowAccumulator>?[slots];
        _layout = layout;
        References = new SegmentReferences(slots, referenceSize);
        Multivariate = new SegmentMultivariate(slots, multivariateCalibrationWindows);
        Candidates = new SegmentCandidates(SegmentAccumulators.CandidateCapacity(slots));
    }

    /// <summary>The names counted in <see cref="SegmentNames.Other"/> per sub-window: the candidates for admission.</summary>
    public SegmentCandidates Candidates { get; }

    /// <summary>The newest sub-window handed over so far.</summary>
    public long NewestTaken { get; private set; } = long.MinValue;

    /// <summary>Each segment's multivariate drift thresholds, from its own calibration windows.</summary>
    public SegmentMultivariate Multivariate { get; }

    /// <summary>Each segment's own reference, gathered from its first rows.</summary>
    public SegmentReferences References { get; }

    /// <summary>A slot's sub-windows (null when the slot never held a row under the current reference).</summary>
    public EpochWindows<WindowAccumulator>? Of(int slot) => _bySlot[slot];

    /// <summary>
    /// Merges a handed-over accumulator's segments into it and keeps each segment's share when the
    /// whole model's share is kept too (<paramref name="keep"/>: counted under the current reference, in a sub-window not dropped).
    /// </summary>
    public void Take(WindowAccumulator accumulator, bool keep)
    {
        if (accumulator.Segments is not { } segments)
        {
            return;
        }

        if (!keep)
        {
            segments.FlattenInto(accumulator, null);
            return;
        }

        NewestTaken = Math.Max(NewestTaken, accumulator.Epoch);
        segments.FlattenInto(
            accumulator,
            (slot, child) =>
            {
                // A retiring slot's rows (routed before its segment's eviction was seen) belong to "(other)" now.
                int target = _keys.NameOf(slot) is null ? _keys.OtherSlot : slot;
                Add(target, child);
                References.SeedFromProfile(target, _keys.NameOf(target), child.Layout.Reference);
                References.Gather(target, child);
            },
            candidates => Candidates.Add(accumulator.Epoch, candidates));
    }

    /// <summary>Adds a segment's sub-window (handed over or restored); the accumulator is copied, not kept.</summary>
    public void Add(int slot, WindowAccumulator child)
    {
        var epochs = _bySlot[slot] ??= new EpochWindows<WindowAccumulator>(epoch => new WindowAccumulator(_layout(), segmentChild: true) { Epoch = epoch });
        epochs.Own(child.Epoch).Merge(child);
        epochs.DropOldestBeyond(CollectedWindows.MaxPendingSubWindows);
    }

    /// <summary>Drops every slot's sub-windows (and candidates) before <paramref name="epoch"/>.</summary>
    public void Forget(long epoch)
    {
        foreach (var epochs in _bySlot)
        {
            epochs?.Forget(epoch);
        }

        Candidates.Forget(epoch);
    }

    /// <summary>
    /// Evicts a segment's state: its sub-windows kept for windows still to be reported move to
    /// <see cref="SegmentNames.Other"/> (those windows count its rows there), its reference and its
    /// multivariate calibration are dropped.
    /// </summary>
    public void Evict(int slot)
    {
        if (_bySlot[slot] is { } epochs)
        {
            foreach (var window in epochs.Accumulators)
            {
                if (!window.IsEmpty)
                {
                    Add(_keys.OtherSlot, window);
                }
            }
        }

        _bySlot[slot] = null;
        References.Reset(slot);
        Multivariate.Reset(slot);
    }

    /// <summary>Drops everything (a new reference: the old counts are over other bins).</summary>
    public void Clear()
    {
        Array.Clear(_bySlot);
        References.Clear();
        Multivariate.Clear();
        Candidates.Clear();
    }
}
