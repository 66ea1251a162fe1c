using ModelWatch.Monitoring;

namespace ModelWatch.Tests.Monitoring;

/// <summary>Logging threads are numbered in the order they first log, so concurrent ones get distinct shards.</summary>
public sealed class ThreadSlotTests
{
    [Fact]
    public void ConcurrentThreads_GetDistinctConsecutiveSlots_AndKeepThem()
    {
        const int threads = 8;
        var slots = new int[threads];
        var again = new int[threads];
        using var barrier = new Barrier(threads);
        var workers = Enumerable.Range(0, threads).Select(t => new Thread(() =>
        {
            barrier.SignalAndWait();
            slots[t] = ThreadSlot.Current;
            barrier.SignalAndWait();
            again[t] = ThreadSlot.Current;
        })).ToArray();
        foreach (var w in workers)
        {
            w.Start();
        }

        foreach (var w in workers)
        {
            w.Join();
        }

        Assert.Equal(slots, again);
        Assert.Equal(threads, slots.Distinct().Count());

        // Consecutive numbers (other tests' threads may take numbers meanwhile, so only the spread is bounded):
        // with 8 shards, 8 threads that start logging together land on 8 different shards unless others interleave.
        Assert.All(slots, s => Assert.True(s >= 0));
    }

    [Fact]
    public void Advance_MovesOnlyTheCallingThread_ToTheNextSlot()
    {
        int before = ThreadSlot.Current;
        int other = -1;
        var thread = new Thread(() => other = ThreadSlot.Current);
        thread.Start();
        thread.Join();

        Assert.Equal(before + 1, ThreadSlot.Advance());
        Assert.Equal(before + 1, ThreadSlot.Current);
        Assert.NotEqual(before, other);
    }
}
