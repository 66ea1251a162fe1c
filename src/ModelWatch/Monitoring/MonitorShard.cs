using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using ModelWatch.Internal;

namespace ModelWatch.Monitoring;

/// <summary>
/// One of a monitor's shards: the accumulators that the threads mapped to it write into, guarded
/// by a one-int spin lock that is almost never contended (threads are spread over the shards).
/// </summary>
/// <remarks>
/// The evaluator takes the lock only to swap an accumulator for an empty one (a phase flip,
/// O(1)), then merges what it took outside the lock, so a logging thread waits at most for another
/// logging call or a pointer swap, never for evaluation or I/O.
/// </remarks>
[StructLayout(LayoutKind.Sequential)]
internal sealed class MonitorShard
{
    // Keeps the lock word of neighbouring shards on different cache lines.
#pragma warning disable CS0169, IDE0051 // padding
    private readonly long _pad0, _pad1, _pad2, _pad3, _pad4, _pad5, _pad6;
#pragma warning restore CS0169, IDE0051
    private int _lock;

    /// <summary>The accumulator of the shard's latest sub-window (null before the first event).</summary>
    public WindowAccumulator? Current;

    /// <summary>An accumulator for events older than <see cref="Current"/> (replays, stragglers).</summary>
    public WindowAccumulator? Late;

    /// <summary>
    /// Everything this shard's accumulators recorded before they left it (sealed or handed over):
    /// with <see cref="Current"/> and <see cref="Late"/>, the shard's counts since it started.
    /// </summary>
    public required MonitorTotals Left { get; init; }

    /// <summary>
    /// Whether the latest sub-window was opened by a call the clock governs: one without an explicit
    /// timestamp, or one timed in the clock's sub-window or ahead of it.
    /// </summary>
    public bool LastClocked;

    /// <summary>The shard's position among its monitor's shards (the index of its pending-outcome stage too).</summary>
    public required int Index { get; init; }

    /// <summary>The live epoch this shard's callers last saw (used under the lock).</summary>
    public EpochMemo Clock;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Enter() => SpinGate.Enter(ref _lock);

    /// <summary>Takes the lock if it is free; returns whether it did.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public bool TryEnter() => SpinGate.TryEnter(ref _lock);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Exit() => SpinGate.Exit(ref _lock);
}
