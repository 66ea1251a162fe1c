namespace ModelWatch.Tests.TestSupport;

/// <summary>Measures what a hot path allocates once it is warm (STYLE.md §5.8).</summary>
internal static class Allocations
{
    /// <summary>
    /// The bytes the second run of <paramref name="pass"/> allocates on this thread. The first run
    /// (pass 0) warms up the very loops that are then measured (pass 1): first touch, the JIT's tier
    /// transitions and its on-stack replacement of a hot loop, which allocates a few bytes once,
    /// whoever runs the loop — a warm-up through a different loop leaves the measured loop to be
    /// replaced during the measurement.
    /// </summary>
    /// <param name="pass">The measured work; its argument is the pass (0 warm-up, 1 measured), for work that must differ between them (e.g. fresh ids).</param>
    public static long SteadyState(Action<int> pass)
    {
        pass(0);
        long before = GC.GetAllocatedBytesForCurrentThread();
        pass(1);
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }
}
