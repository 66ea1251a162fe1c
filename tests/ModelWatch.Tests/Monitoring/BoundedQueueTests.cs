using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.TestSupport;
using Xunit.Abstractions;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Every queue between the logging path and the evaluator is bounded: count windows closing far
/// faster than the evaluator reports them keep at most <see cref="CollectedWindows.MaxPendingSubWindows"/>
/// sub-windows waiting (the oldest are dropped unevaluated and counted; the totals keep every
/// prediction), so memory, an evaluation pass, a snapshot and shutdown stay bounded. Sizes are
/// reduced (5-prediction windows); nothing here asserts a time.
/// </summary>
[Collection(RunsAlone.Name)]
public sealed class BoundedQueueTests(ITestOutputHelper output) : IDisposable
{
    private const int WindowSize = 5;
    private const int Threads = 2;
    private const int RowsPerThread = 200_000;
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 2_000);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-bounded-" + Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }

    /// <summary>Logs flat out from <see cref="Threads"/> threads.</summary>
    private static void LogFlatOut(IModelMonitor monitor, int rowsPerThread)
    {
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var rng = new SplitMix64((ulong)t + 3);
            double[] row = new double[2];
            for (int i = 0; i < rowsPerThread; i++)
            {
                row[0] = rng.NextNormal();
                row[1] = rng.NextNormal();
                monitor.Log(row, rng.NextNormal());
            }
        });
    }

    [Fact]
    public async Task CountWindowsFasterThanTheEvaluator_QueuedSubWindowsAndMemoryStayBounded()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize));
        using var _s = services;
        var handle = watch.GetMonitor("m");
        var monitor = services.SingleMonitor();
        LogFlatOut(handle, 10_000);
        await watch.EvaluateAsync();
        long before = Heap();

        // 80,000 windows with no evaluation in between.
        LogFlatOut(handle, RowsPerThread);
        int queued;
        lock (monitor.CollectLock)
        {
            monitor.CollectLocked();
            queued = monitor.Collected.Epochs.Count;
        }

        long grown = Heap() - before;
        output.WriteLine($"queued sub-windows {queued}, heap grown {grown / 1024.0 / 1024.0:F1} MB");
        Assert.InRange(queued, 1, CollectedWindows.MaxPendingSubWindows);
        Assert.InRange(grown, long.MinValue, 32L << 20);

        // Nothing is lost from the totals; what was dropped is counted.
        long logged = Threads * (10_000L + RowsPerThread);
        Assert.Equal(logged, monitor.Totals.Events);
        Assert.True(monitor.Dropped.Predictions > 0);

        // One pass reports at most what is queued, and every complete window it reports is whole.
        var reports = await watch.EvaluateAsync();
        Assert.InRange(reports.Count, 1, CollectedWindows.MaxPendingSubWindows + 1);
        Assert.All(reports.Where(r => r.IsComplete), r => Assert.Equal(WindowSize, r.Predictions));
    }

    [Fact]
    public async Task CountWindowsFasterThanTheEvaluator_StopSavesEverythingWithinTheShutdownTimeout()
    {
        var time = new FakeTimeProvider(TestModels.Start);
        var builder = Host.CreateApplicationBuilder();
        builder.Services.AddSingleton<TimeProvider>(time);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddModelWatch(o => o.ShardCount = 2)
            .AddModel("m", m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize))
            .UseFileStore(_folder);
        long logged = Threads * (long)RowsPerThread;
        using (var host = builder.Build())
        {
            await host.StartAsync();
            LogFlatOut(host.Services.GetRequiredService<IModelWatch>().GetMonitor("m"), RowsPerThread);

            // The host's own shutdown timeout bounds the stop; it must end without an error.
            await host.StopAsync();
        }

        // The final save holds every prediction, and a bounded number of sub-windows.
        var (services, _, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize), more: b => b.UseFileStore(_folder));
        using var _s = services;
        await services.Scheduler().RestoreAsync(CancellationToken.None);
        var restored = services.SingleMonitor();
        Assert.Equal(logged, restored.Totals.Events);
        lock (restored.CollectLock)
        {
            Assert.InRange(restored.Collected.Epochs.Count, 0, CollectedWindows.MaxPendingSubWindows);
        }
    }

    [Fact]
    public void SealedQueue_FullWhileTheEvaluatorHoldsTheCollectLock_DropsTheOldestAndCounts()
    {
        var definition = Runtime.Parts.Define(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize));
        var layout = new MonitorLayout(definition.Schema, Reference, definition.CategoryCapacity, keepProfiles: false);
        var dropped = new DroppedSubWindows();
        int folded = 0;
        var shards = new MonitorShards(1, layout, _ => { folded++; return true; }, dropped);
        var shard = shards.EnterShard(); // one shard: the logging thread below takes the same one
        shard.Exit();
        int sealedWhileBusy = MonitorShards.MaxSealed * 3;

        // The evaluator is busy (holds the collect lock): a logging thread seals one sub-window after another.
        lock (shards.CollectLock)
        {
            var logging = new Thread(() =>
            {
                for (long epoch = 0; epoch <= sealedWhileBusy; epoch++)
                {
                    shard.Enter();
                    try
                    {
                        shards.AccumulatorFor(shard, epoch, clocked: true).Events++;
                    }
                    finally
                    {
                        shard.Exit();
                    }
                }
            });
            logging.Start();
            logging.Join();
        }

        // At most MaxSealed waited; the rest, the oldest, were dropped and counted.
        Assert.Equal(sealedWhileBusy - MonitorShards.MaxSealed, dropped.Drops);
        Assert.Equal(sealedWhileBusy - MonitorShards.MaxSealed, dropped.Predictions);
        Assert.Equal(sealedWhileBusy - MonitorShards.MaxSealed - 1, dropped.Through);
        lock (shards.CollectLock)
        {
            shards.Harvest();
        }

        Assert.Equal(MonitorShards.MaxSealed + 1, folded);
    }

    [Fact]
    public async Task TimeWindowReplayLongerThanTheBound_KeepsTheNewestSubWindows_ReportsOnlyWholeWindows()
    {
        // 6,000 hourly sub-windows of two-hour sliding windows, replayed before any evaluation.
        const int hours = 6_000;
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromHours(2), TimeSpan.FromHours(1)));
        using var _s = services;
        var handle = watch.GetMonitor("m");
        var monitor = services.SingleMonitor();
        var start = TestModels.Start.AddHours(-hours - 1);
        for (int h = 0; h < hours; h++)
        {
            for (int i = 0; i < 3; i++)
            {
                handle.Log([0.1, 0.2], [], 0.3, start.AddHours(h).AddMinutes(i));
            }
        }

        var reports = await watch.EvaluateAsync();
        lock (monitor.CollectLock)
        {
            Assert.InRange(monitor.Collected.Epochs.Count, 0, CollectedWindows.MaxPendingSubWindows);
        }

        var complete = reports.Where(r => r.IsComplete).ToList();
        Assert.InRange(complete.Count, 1, CollectedWindows.MaxPendingSubWindows);
        Assert.All(complete, r => Assert.Equal(6, r.Predictions));
        Assert.True(complete[0].FirstSubWindow > monitor.Dropped.Through);
        Assert.Equal(3L * hours, monitor.Totals.Events);
        Assert.InRange(monitor.Dropped.Predictions, 3L * (hours - CollectedWindows.MaxPendingSubWindows), 3L * hours);
    }

    [Fact]
    public async Task QualityPredictionWindows_FasterThanTheEvaluator_StayBounded()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize).BinaryClassification());
        using var _s = services;
        LogFlatOut(watch.GetMonitor("m"), 50_000);
        var monitor = services.SingleMonitor();
        int predictionEpochs;
        lock (monitor.CollectLock)
        {
            monitor.CollectLocked();
            predictionEpochs = monitor.Quality!.ToSnapshot().ByPrediction!.Count;
        }

        int bound = (monitor.Definition.SubWindowsPerWindow * (monitor.Definition.History + 1)) + CollectedWindows.MaxPendingSubWindows;
        Assert.InRange(predictionEpochs, 1, bound);
        Assert.NotEmpty(await watch.EvaluateAsync());
    }

    [Fact]
    public void Evaluate_Cancelled_StopsBetweenWindows_AndTheNextPassReportsTheRest()
    {
        var time = new FakeTimeProvider(TestModels.Start);
        using var metrics = new ModelWatchMetrics(factory: null, () => []);
        var monitor = Runtime.Parts.Monitor(Runtime.Parts.Define(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize)), time);
        var evaluator = new MonitorEvaluator(time, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, metrics, keepClosedWindows: false);
        var rng = new SplitMix64(5);
        Runtime.Parts.LogRows(monitor, ref rng, 10 * WindowSize);

        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();
        Assert.Empty(evaluator.Evaluate(monitor, cancelled.Token).DriftReports);
        Assert.Equal(long.MinValue, monitor.State.ReportedThrough);

        var reports = evaluator.Evaluate(monitor).DriftReports;
        Assert.Equal(10, reports.Count(r => r.IsComplete));
    }

    [Fact]
    public async Task HostedServices_StopWithAnExpiredShutdownToken_EndWithoutAnError()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(WindowSize), more: b => b.UseFileStore(_folder));
        using var _s = services;
        var hosted = services.GetServices<IHostedService>().ToList();
        foreach (var service in hosted)
        {
            await service.StartAsync(CancellationToken.None);
        }

        watch.GetMonitor("m").Log([0.1, 0.2], 0.3);
        using var expired = new CancellationTokenSource();
        expired.Cancel();
        foreach (var service in Enumerable.Reverse(hosted))
        {
            await service.StopAsync(expired.Token);
        }
    }
}
