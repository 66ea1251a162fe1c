namespace ModelWatch.Monitoring;

/// <summary>The sub-windows of a count window: one shared sequence number per prediction.</summary>
/// <remarks>
/// One atomic increment per prediction (about 3 ns alone, 9 ns contended by two threads) makes
/// every window hold exactly its size; numbers reserved in per-shard blocks would leave windows
/// short wherever a shard's block is left unfinished.
/// </remarks>
internal sealed class CountSequence(long subWindowSize)
{
    private long _next;

    /// <summary>The sub-window of the next prediction (takes its number).</summary>
    public long NextEpoch() => (Interlocked.Increment(ref _next) - 1) / subWindowSize;

    /// <summary>The sub-window the next prediction will fall in (takes nothing).</summary>
    public long CurrentEpoch() => Volatile.Read(ref _next) / subWindowSize;
}
