using System.Collections.Concurrent;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// A logged id waits in its thread's stage (up to its capacity) before it
/// enters the pending store's stripes; every lookup that could miss a staged prediction sees it.
/// </summary>
public sealed class OutcomeStageTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    private static (IDisposable Services, IModelWatch Watch, ModelMonitor Monitor) Classifier(int capacity = 100_000)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Outcomes(capacity, TimeSpan.FromDays(30)));
        return (services, watch, (ModelMonitor)watch.GetMonitor("m", "1"));
    }

    [Fact]
    public void AnOutcomeForAStagedPrediction_JoinsIt_AndIsNotEarly()
    {
        var (services, watch, monitor) = Classifier();
        using var _ = services;
        monitor.Log([0.1, 0.2], [], 0.9, "a"); // one prediction: still in the stage
        Assert.True(monitor.Outcomes!.AnyStaged());

        monitor.RecordOutcome("a", 1);

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(1, counts.Joined);
        Assert.Equal(0, counts.Early);
        Assert.Equal(0, counts.Pending);
    }

    [Fact]
    public void APendingCheck_SeesAStagedPrediction()
    {
        var (services, _, monitor) = Classifier();
        using var __ = services;
        monitor.Log([0.1, 0.2], [], 0.9, "a");

        Assert.True(monitor.Outcomes!.IsPending("a"));
        Assert.False(monitor.Outcomes.IsPending("b"));
        Assert.False(monitor.Outcomes.AnyStaged()); // the miss flushed the stage
    }

    [Fact]
    public void AFullStage_MovesIntoTheStripes_OnTheLoggingThread()
    {
        var (services, _, monitor) = Classifier();
        using var __ = services;
        for (int i = 0; i < monitor.Outcomes!.StageCapacity - 1; i++)
        {
            monitor.Log([0.1, 0.2], [], 0.9, "id" + i);
        }

        Assert.True(monitor.Outcomes!.AnyStaged());
        monitor.Log([0.1, 0.2], [], 0.9, "last");
        Assert.False(monitor.Outcomes.AnyStaged());
    }

    [Theory]
    [InlineData(100_000)]
    [InlineData(1_000)]
    [InlineData(10)]
    public void TheStages_HoldAtMostAQuarterOfTheCapacity_OrTheSmallestStageEach(int capacity)
    {
        var (services, _, monitor) = Classifier(capacity);
        using var __ = services;
        var store = monitor.Outcomes!;
        Assert.InRange(store.StageCapacity, OutcomeStage.MinCapacity, OutcomeStage.MaxCapacity);
        Assert.True(store.StageCapacity * store.StripeCount <= Math.Max(capacity / 4, OutcomeStage.MinCapacity * store.StripeCount));
    }

    [Fact]
    public void CountsAndSnapshots_IncludeStagedPredictions()
    {
        var (services, watch, monitor) = Classifier();
        using var _ = services;
        monitor.Log([0.1, 0.2], [], 0.9, "a");
        monitor.Log([0.1, 0.2], [], 0.9, "a"); // a duplicate, settled when the stage reaches its stripe
        monitor.Log([0.1, 0.2], [], 0.9, "b");

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(2, counts.Pending);
        Assert.Equal(1, counts.DuplicatePredictionIds);

        monitor.Log([0.1, 0.2], [], 0.9, "c");
        var (entries, _) = monitor.Outcomes!.Export();
        Assert.Equal(["a", "b", "c"], entries.Select(e => e.Id).Order(StringComparer.Ordinal));
    }

    [Fact]
    public async Task ManyThreads_EveryOutcomeRecordedAfterItsPrediction_Joins()
    {
        // Four threads log distinct ids; a fifth records the outcome of each id once its Log has
        // returned. Whatever stage an id waits in, its outcome must find it: none may count as early.
        var (services, watch, monitor) = Classifier();
        using var _ = services;
        const int perThread = 5_000;
        var logged = new ConcurrentQueue<string>();
        var loggers = Enumerable.Range(0, 4).Select(t => Task.Run(() =>
        {
            for (int i = 0; i < perThread; i++)
            {
                string id = $"t{t}-{i}";
                monitor.Log([0.1, 0.2], [], 0.9, id);
                logged.Enqueue(id);
            }
        })).ToArray();
        int outcomes = 0;
        var recorder = Task.Run(() =>
        {
            while (outcomes < 2 * perThread)
            {
                if (logged.TryDequeue(out var id) && id.GetHashCode(StringComparison.Ordinal) % 2 == 0)
                {
                    monitor.RecordOutcome(id, 1);
                    outcomes++;
                }
                else if (loggers.All(l => l.IsCompleted) && logged.IsEmpty)
                {
                    break;
                }
            }
        });
        await Task.WhenAll([.. loggers, recorder]).WaitAsync(TimeSpan.FromSeconds(30));

        var counts = watch.GetOutcomeCounts("m");
        Assert.True(outcomes > 0);
        Assert.Equal(0, counts.Early);
        Assert.Equal(outcomes, counts.Joined);
        Assert.Equal(4 * perThread - outcomes, counts.Pending);
        Assert.Equal(0, counts.Evicted);
        Assert.Equal(0, counts.DuplicatePredictionIds);
    }
}
