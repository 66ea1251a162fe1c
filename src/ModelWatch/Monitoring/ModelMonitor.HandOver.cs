namespace ModelWatch.Monitoring;

/// <summary>The monitor's side of the hand-over to the evaluator: collecting the shards and saying which windows are closed.</summary>
internal sealed partial class ModelMonitor
{
    /// <summary>
    /// Moves everything recorded so far into <see cref="Collected"/> (the caller, the evaluator or a
    /// snapshot, holds <see cref="CollectLock"/>); logging threads wait for at most a pointer swap.
    /// </summary>
    internal void CollectLocked() => _shards.Harvest();

    /// <summary>
    /// The epoch before which windows are closed. Time windows: the clock's epoch once the newest
    /// sub-window is the clock's (live traffic, or timed events at or ahead of the clock), so a
    /// window closes when its time is over even if no new prediction arrives, and never earlier,
    /// whatever time an event claims; a replay of the past (only older timed events) closes its
    /// windows as newer events arrive. Count windows: the newest sequence number's sub-window.
    /// </summary>
    internal long Watermark()
    {
        var (newest, clocked) = _shards.Newest();
        if (_clock is null)
        {
            return Math.Max(newest, _sequence.CurrentEpoch());
        }

        long now = _clock.Watermark();
        return clocked || newest == long.MinValue ? now : Math.Min(newest, now);
    }

    /// <summary>Drops collected epochs before <paramref name="epoch"/> (collect lock held).</summary>
    /// <returns>Segments admitted in place of lighter ones as the window closed, with those they replaced (segmented models).</returns>
    internal List<(string Admitted, string Evicted)>? Forget(long epoch)
    {
        Collected.Epochs.Forget(epoch, _shards.Return);
        return _segments?.Forget(epoch, _shards.Layout.Reference);
    }

    /// <summary>Installs a reference: from now on windows count over its bins (evaluator thread only).</summary>
    internal void InstallReference(ReferenceProfile reference, MultivariateDriftDefinition? fittedMultivariate = null)
    {
        _shards.ChangeLayout(new MonitorLayout(Definition.Schema, reference, Definition.CategoryCapacity, Definition.KeepProfiles, Definition.ExactSamples)
        {
            Estimation = Definition.Quality.Estimation,
            Multivariate = Definition.Multivariate ?? fittedMultivariate,
            SegmentSlots = SegmentSlots,
        });
        _segments?.Windows.Clear();
        Collected.ClearPreReference();
    }
}
