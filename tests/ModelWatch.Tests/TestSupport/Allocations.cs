namespace ModelWatch.Tests.TestSupport;

/// <summary>Measures what a hot path allocates once it is warm (STYLE.md §5.8).</summary>
internal static class Allocations
{
    /// <summary>
    /// The bytes a warm run of <paramref name="pass"/> allocates on this thread. The first run
    /// (pass 0) warms up the very loops that are then measured (pass 1): first touch, the JIT's tier
    /// transitions and its on-stack replacement of a hot loop, which allocates a few bytes once,
    /// whoever runs the loop — a warm-up through a different loop leaves the measured loop to be
    /// replaced during the measurement.
    /// </summary>
    /// <remarks>
    /// A repeatable pass is measured up to three times and the least is returned: under the parallel
    /// test run a measured pass has shown a few kilobytes once (6,360 B) that the same pass run again
    /// did not — an allocation per call shows in every run, and is what the tests are about.
    /// </remarks>
    /// <param name="pass">The measured work; its argument is the pass (0 warm-up, 1 measured), for work that must differ between them (e.g. fresh ids).</param>
    /// <param name="repeatable">Whether pass 1 may run more than once (false when the test counts what it did).</param>
    public static long SteadyState(Action<int> pass, bool repeatable = true)
    {
        pass(0);
        long least = long.MaxValue;
        for (int run = 0; run < (repeatable ? 3 : 1) && least != 0; run++)
        {
            long before = GC.GetAllocatedBytesForCurrentThread();
            pass(1);
            least = Math.Min(least, GC.GetAllocatedBytesForCurrentThread() - before);
        }

        return least;
    }
}
