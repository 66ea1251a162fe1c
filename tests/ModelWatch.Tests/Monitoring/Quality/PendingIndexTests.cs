using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>The pending store's id index under churn: exactly the ring's ids are found, joins land on the right prediction.</summary>
public sealed class PendingIndexTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    [Fact]
    public void ManyTimesTheCapacity_OnlyTheNewestIdsStayPending_AndEveryOlderOneIsGone()
    {
        const int capacity = 1_000;
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Outcomes(capacity, TimeSpan.FromDays(30)));
        using var __ = services;
        var monitor = (ModelMonitor)watch.GetMonitor("m", "1");
        var store = monitor.Outcomes!;
        const int ids = 50_000;
        for (int i = 0; i < ids; i++)
        {
            monitor.Log([0.1, 0.2], [], 0.9, "p" + i);
        }

        // The cap is split over the shards, each keeping its newest: every id pending is among the newest
        // `capacity` plus a shard's worth of slack, and the pending count matches the ids found.
        int found = 0;
        for (int i = 0; i < ids; i++)
        {
            if (store.IsPending("p" + i))
            {
                found++;
                Assert.True(i >= ids - (2 * capacity), $"p{i} is still pending after {ids - i} newer ids");
            }
        }

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(counts.Pending, found);
        Assert.Equal(ids - counts.Pending, counts.Evicted);
        Assert.True(store.IsPending("p" + (ids - 1)));
    }

    [Fact]
    public void OutcomesAfterChurn_JoinTheirOwnPrediction_DuplicatesAndUnknownsCounted()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Outcomes(512, TimeSpan.FromDays(30)));
        using var __ = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 5_000; i++)
        {
            // Scores alternate so a join with the wrong prediction would change the confusion counts.
            monitor.Log([0.1, 0.2], [], i % 2 == 0 ? 0.9 : 0.1, "q" + i);
        }

        for (int i = 4_900; i < 5_000; i++)
        {
            monitor.RecordOutcome("q" + i, i % 2 == 0 ? 1 : 0); // every one correct
        }

        monitor.RecordOutcome("q4999", 1);   // a duplicate
        monitor.RecordOutcome("q10", 1);     // evicted long ago: arrives as an early outcome
        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(100, counts.Joined);
        Assert.Equal(1, counts.Duplicate);
        Assert.Equal(1, counts.Early);
    }
}
