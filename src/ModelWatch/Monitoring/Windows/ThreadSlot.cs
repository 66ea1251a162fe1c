using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// A small number per logging thread, handed out round-robin the first time a thread logs: the
/// shard a thread writes into is its slot modulo the shard count, in every monitor.
/// </summary>
/// <remarks>
/// Managed thread ids are not dense among the threads that log (the pool's threads, timers and
/// hosts' own threads take ids too), so <c>thread id &amp; mask</c> puts two busy threads on one shard
/// about as often as chance says; numbering only the threads that log, in order, gives the first
/// <c>shards</c> of them a shard each. A thread keeps its slot, so a shard's cache lines stay with the
/// core that runs it, until it finds its shard taken by another thread: then it moves to the next
/// slot (<see cref="Advance"/>, a thread-local write), so threads that came to share a shard — more
/// threads than shards over a pool's life — spread out again after one contended call. One
/// thread-static read per call; the shared counter is touched once per thread.
/// </remarks>
internal static class ThreadSlot
{
    // No initializer: a class without a static constructor lets the JIT read the thread static inline.
    private static int s_assigned;

    [ThreadStatic]
    private static int t_slot; // slot + 1; 0 until the thread first logs

    /// <summary>The calling thread's slot (0, 1, 2, … in the order threads first ask).</summary>
    public static int Current
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            int slot = t_slot;
            return slot != 0 ? slot - 1 : Assign();
        }
    }

    /// <summary>Moves the calling thread to the next slot (its shard was taken by another thread); returns the new slot.</summary>
    public static int Advance()
    {
        int slot = (Current + 1) & 0x3FFF_FFFF;
        t_slot = slot + 1;
        return slot;
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static int Assign()
    {
        // Masked so that slot + 1 never overflows, however many threads a process starts over its life.
        int slot = (Interlocked.Increment(ref s_assigned) - 1) & 0x3FFF_FFFF;
        t_slot = slot + 1;
        return slot;
    }
}
