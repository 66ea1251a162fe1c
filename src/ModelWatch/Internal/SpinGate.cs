using System.Runtime.CompilerServices;

namespace ModelWatch.Internal;

/// <summary>
/// A one-int spin lock for the logging path's shards, which are almost never contended: entering
/// is one compare-exchange, and the contended branch lives out of line so the fast path inlines.
/// </summary>
internal static class SpinGate
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Enter(ref int gate)
    {
        if (Interlocked.CompareExchange(ref gate, 1, 0) != 0)
        {
            EnterContended(ref gate);
        }
    }

    /// <summary>Takes the gate if it is free (one compare-exchange); returns whether it did.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static bool TryEnter(ref int gate) => Interlocked.CompareExchange(ref gate, 1, 0) == 0;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static void Exit(ref int gate) => Volatile.Write(ref gate, 0);

    [MethodImpl(MethodImplOptions.NoInlining)]
    private static void EnterContended(ref int gate)
    {
        var spinner = default(SpinWait);
        do
        {
            spinner.SpinOnce(sleep1Threshold: -1);
        }
        while (Volatile.Read(ref gate) != 0 || Interlocked.CompareExchange(ref gate, 1, 0) != 0);
    }
}
