namespace ModelWatch.Monitoring;

/// <summary>
/// What a monitor's bounded queues dropped when the evaluator fell behind (count windows closing
/// faster than it reports them, a very long replay between two evaluations): the newest epoch
/// dropped and how many predictions went unevaluated. The predictions stay in the totals; the
/// windows that held a dropped sub-window are not reported, so no report is of a partial window.
/// </summary>
/// <remarks>Thread-safe: logging threads (sealed-queue overflow) and the evaluator (pending overflow) both record into it.</remarks>
internal sealed class DroppedSubWindows
{
    private long _through = long.MinValue;
    private long _predictions;
    private long _drops;

    /// <summary>The newest epoch dropped (long.MinValue when nothing was): windows touching it or anything older are not reported.</summary>
    public long Through => Volatile.Read(ref _through);

    /// <summary>Predictions recorded in dropped sub-windows (counted in the totals, never evaluated).</summary>
    public long Predictions => Volatile.Read(ref _predictions);

    /// <summary>Accumulators dropped (a sub-window may be held by several shards).</summary>
    public long Drops => Volatile.Read(ref _drops);

    /// <summary>Records a dropped accumulator.</summary>
    public void Add(WindowAccumulator dropped)
    {
        long epoch = dropped.Epoch;
        long seen = Volatile.Read(ref _through);
        while (epoch > seen)
        {
            long previous = Interlocked.CompareExchange(ref _through, epoch, seen);
            if (previous == seen)
            {
                break;
            }

            seen = previous;
        }

        Interlocked.Add(ref _predictions, dropped.Events);
        Interlocked.Increment(ref _drops);
    }
}
