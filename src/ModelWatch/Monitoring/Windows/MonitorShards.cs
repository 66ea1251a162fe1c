using System.Collections.Concurrent;
using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// A monitor's shards and the accumulators they write into: picking a shard, rotating its
/// accumulator when the sub-window moves on (sealed ones wait in a lock-free queue), a pool of
/// emptied accumulators, and the hand-over of everything recorded to the evaluator's fold.
/// </summary>
/// <remarks>
/// Logging threads touch only their shard (under its spin lock) and, on rotation, the queue and
/// the pool. The hand-over swaps each shard's accumulators for empty ones under the shard's lock
/// (O(1)) and folds what it took outside it, so logging never waits for evaluation.
/// </remarks>
internal sealed class MonitorShards
{
    /// <summary>
    /// Sealed accumulators waiting for the evaluator, at most: beyond it a logging thread folds the
    /// queue itself when the evaluator is idle, or drops the oldest (counted) while it is busy.
    /// </summary>
    internal const int MaxSealed = 4_096;

    private readonly MonitorShard[] _shards;
    private readonly int _shardMask;
    private readonly ConcurrentQueue<WindowAccumulator> _sealed = new();
    private readonly Stack<WindowAccumulator> _pool = new();
    private readonly Lock _poolLock = new();
    private readonly Lock _collectLock = new();
    private readonly Func<WindowAccumulator, bool> _fold;
    private readonly DroppedSubWindows _dropped;
    private volatile MonitorLayout _layout;

    /// <param name="shardCount">At least this many shards (rounded up to a power of two).</param>
    /// <param name="layout">The layout new accumulators take.</param>
    /// <param name="fold">
    /// The evaluator's fold of a handed-over, non-empty accumulator (called under the collect lock);
    /// returns whether the accumulator may be reused.
    /// </param>
    /// <param name="dropped">Where sealed accumulators dropped on overflow are recorded.</param>
    public MonitorShards(int shardCount, MonitorLayout layout, Func<WindowAccumulator, bool> fold, DroppedSubWindows dropped)
    {
        int shards = 1;
        while (shards < shardCount)
        {
            shards <<= 1;
        }

        _shards = new MonitorShard[shards];
        for (int i = 0; i < shards; i++)
        {
            _shards[i] = new MonitorShard { Left = new MonitorTotals(layout.Schema), Index = i };
        }

        _shardMask = shards - 1;
        _layout = layout;
        _fold = fold;
        _dropped = dropped;
    }

    /// <summary>How many shards there are (a power of two).</summary>
    public int Count => _shards.Length;

    /// <summary>The shard at <paramref name="index"/> (0 to <see cref="Count"/> − 1).</summary>
    public MonitorShard this[int index] => _shards[index];

    /// <summary>The layout accumulators are created with: the current reference's bins, or none.</summary>
    public MonitorLayout Layout => _layout;

    /// <summary>Held while the evaluator collects and reads what was collected.</summary>
    public Lock CollectLock => _collectLock;

    /// <summary>
    /// Enters the calling thread's shard (its <see cref="ThreadSlot"/> modulo the shard count) and
    /// returns it; the caller exits it. A thread that finds its shard taken moves to the next slot
    /// for this and later calls, so threads that happened to share a shard spread out after one
    /// contended call (the way striped counters re-probe on contention).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public MonitorShard EnterShard()
    {
        var shard = _shards[ThreadSlot.Current & _shardMask];
        if (!shard.TryEnter())
        {
            shard = EnterAfterContention();
        }

        return shard;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private MonitorShard EnterAfterContention()
    {
        var shard = _shards[ThreadSlot.Advance() & _shardMask];
        shard.Enter();
        return shard;
    }

    /// <summary>
    /// The accumulator a call writes into; rotates the shard when the epoch moved on. Runs under
    /// the shard's lock.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public WindowAccumulator AccumulatorFor(MonitorShard shard, long epoch, bool clocked)
    {
        var current = shard.Current;
        if (current is not null && current.Epoch == epoch && ReferenceEquals(current.Layout, _layout))
        {
            return current;
        }

        return Rotate(shard, epoch, clocked);
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private WindowAccumulator Rotate(MonitorShard shard, long epoch, bool clocked)
    {
        var layout = _layout;
        var current = shard.Current;
        if (current is not null && ReferenceEquals(current.Layout, layout) && epoch < current.Epoch)
        {
            // An older event: keep it in the shard's late accumulator for that epoch.
            var late = shard.Late;
            if (late is null || late.Epoch != epoch || !ReferenceEquals(late.Layout, layout))
            {
                if (late is not null)
                {
                    shard.Left.Add(late);
                    Seal(late);
                }

                late = shard.Late = Rent(layout, epoch);
            }

            return late;
        }

        if (current is not null)
        {
            shard.Left.Add(current);
            Seal(current);
        }

        shard.LastClocked = clocked;
        return shard.Current = Rent(layout, epoch);
    }

    private void Seal(WindowAccumulator accumulator)
    {
        if (accumulator.IsEmpty)
        {
            Return(accumulator);
            return;
        }

        _sealed.Enqueue(accumulator);
        if (_sealed.Count > MaxSealed)
        {
            Overflow();
        }
    }

    /// <summary>
    /// The sealed queue is full. Nobody evaluating (a host that never started the evaluator, a burst
    /// of replayed epochs): fold the queue here, into the bounded pending sub-windows. The evaluator
    /// busy: drop the oldest, counted, rather than wait for it or grow.
    /// </summary>
    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Overflow()
    {
        if (_collectLock.TryEnter())
        {
            try
            {
                FoldSealed();
            }
            finally
            {
                _collectLock.Exit();
            }

            return;
        }

        while (_sealed.Count > MaxSealed && _sealed.TryDequeue(out var oldest))
        {
            oldest.Segments?.FlattenInto(oldest, null); // its segments' rows count among the dropped
            _dropped.Add(oldest);
            Return(oldest);
        }
    }

    private WindowAccumulator Rent(MonitorLayout layout, long epoch)
    {
        lock (_poolLock)
        {
            while (_pool.Count > 0)
            {
                var pooled = _pool.Pop();
                if (ReferenceEquals(pooled.Layout, layout))
                {
                    pooled.Epoch = epoch;
                    layout.Rows.Prepare(pooled);
                    return pooled;
                }
            }
        }

        var fresh = new WindowAccumulator(layout);
        fresh.Epoch = epoch;
        layout.Rows.Prepare(fresh);
        return fresh;
    }

    /// <summary>Takes back an accumulator for reuse (dropped when its layout is no longer current).</summary>
    public void Return(WindowAccumulator accumulator)
    {
        if (!ReferenceEquals(accumulator.Layout, _layout))
        {
            return; // an old layout's accumulator: let it go
        }

        accumulator.Reset(long.MinValue);
        lock (_poolLock)
        {
            if (_pool.Count < 2 * _shards.Length + 4)
            {
                _pool.Push(accumulator);
            }
        }
    }

    /// <summary>
    /// Hands everything recorded so far to the fold (the caller holds <see cref="CollectLock"/>).
    /// Logging threads wait at most for a pointer swap.
    /// </summary>
    public void Harvest()
    {
        foreach (var shard in _shards)
        {
            WindowAccumulator? current, late;
            shard.Enter();
            try
            {
                current = shard.Current is { IsEmpty: false } c ? c : null;
                late = shard.Late;
                if (current is not null)
                {
                    shard.Left.Add(current);
                    shard.Current = Rent(current.Layout, current.Epoch);
                }

                if (late is not null)
                {
                    shard.Left.Add(late);
                }

                shard.Late = null;
            }
            finally
            {
                shard.Exit();
            }

            if (current is not null)
            {
                Fold(current);
            }

            if (late is not null)
            {
                Fold(late);
            }
        }

        FoldSealed();
    }

    /// <summary>
    /// The newest epoch any shard has reached (long.MinValue before the first event), and whether the
    /// clock closes it (a live call, or a timed one at or ahead of the clock, opened it).
    /// </summary>
    public (long Epoch, bool Clocked) Newest()
    {
        long newest = long.MinValue;
        bool clocked = false;
        foreach (var shard in _shards)
        {
            shard.Enter();
            try
            {
                if (shard.Current is { } c && c.Epoch > newest)
                {
                    newest = c.Epoch;
                    clocked = shard.LastClocked;
                }
            }
            finally
            {
                shard.Exit();
            }
        }

        return (newest, clocked);
    }

    /// <summary>
    /// Adds every shard's counts so far into <paramref name="totals"/>, reading each shard under its
    /// lock (a logging thread waits for at most a few additions per column); nothing is moved.
    /// </summary>
    public void AddCountsTo(MonitorTotals totals)
    {
        foreach (var shard in _shards)
        {
            shard.Enter();
            try
            {
                totals.Add(shard.Left);
                if (shard.Current is { } current)
                {
                    totals.Add(current);
                }

                if (shard.Late is { } late)
                {
                    totals.Add(late);
                }
            }
            finally
            {
                shard.Exit();
            }
        }
    }

    /// <summary>From now on accumulators take <paramref name="layout"/>; pooled ones of the old layout are dropped.</summary>
    public void ChangeLayout(MonitorLayout layout)
    {
        _layout = layout;
        lock (_poolLock)
        {
            _pool.Clear();
        }
    }

    private void FoldSealed()
    {
        while (_sealed.TryDequeue(out var accumulator))
        {
            Fold(accumulator);
        }
    }

    private void Fold(WindowAccumulator accumulator)
    {
        if (accumulator.IsEmpty || _fold(accumulator))
        {
            Return(accumulator);
        }
    }
}
