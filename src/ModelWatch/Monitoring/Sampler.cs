using System.Runtime.CompilerServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Decides cheaply whether a call is sampled in: a per-thread xorshift generator compared with a
/// threshold, so a sampled-out call costs a few nanoseconds and touches no shared memory.
/// </summary>
internal static class Sampler
{
    [ThreadStatic]
    private static ulong t_state;

    /// <summary>The threshold that keeps a fraction <paramref name="rate"/> of calls (ulong.MaxValue keeps all).</summary>
    public static ulong ThresholdFor(double rate) => rate >= 1.0 ? ulong.MaxValue : (ulong)(rate * 18446744073709551615.0);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool Keep(ulong threshold)
    {
        ulong x = t_state;
        if (x == 0)
        {
            x = (ulong)Environment.CurrentManagedThreadId * 0x9E3779B97F4A7C15UL | 1;
        }

        // xorshift64 (Marsaglia 2003): three shifts, no multiply.
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        t_state = x;
        return x <= threshold;
    }
}
