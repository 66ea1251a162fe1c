using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Admission by weight: a heavy segment that appears after the places are taken is admitted at the
/// close of the first window in which it outweighs the lightest tracked segment, which is evicted
/// into "(other)"; tracked-by-configuration segments stay; every prediction stays in exactly one
/// segment, across restarts and replicas.
/// </summary>
public sealed class SegmentWeightAdmissionTests : IDisposable
{
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 1, rows: 2_000);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-segweight-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogCollector _logs = new();

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private static void Model(ModelBuilder m) =>
        m.Numeric("f0").Reference(Reference).Window(Minute).KeepWindowProfiles().SegmentByKey(maxSegments: 3)
            .Configure(o =>
            {
                o.Segments.ReferenceSize = 0;
                o.Segments.MinPredictions = 10;
                o.Segments.Track.Add("a");
            });

    private HostedModelWatch Create(string replica = "pod-a")
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddLogging(b => b.AddProvider(new FakeLoggerProvider(_logs)));
        services.AddModelWatch(o =>
            {
                o.ShardCount = 2;
                o.ReplicaId = replica;
            })
            .AddModel("m", Model)
            .UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static void Log(IModelWatch watch, string tenant, int count)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < count; i++)
        {
            monitor.Log(new PredictionEntry { Features = [(i % 20) * 0.1 - 1], Value = 0.5, Segment = tenant });
        }
    }

    /// <summary>Closes the current window and returns its report (the host's evaluator may have made it already).</summary>
    private async Task<DriftReport> Close(IModelWatch watch)
    {
        var start = _time.GetUtcNow();
        _time.Advance(Minute);
        await watch.EvaluateAsync();
        return watch.GetHistory("m").Single(r => r.IsComplete && r.WindowStart == start);
    }

    private static long Of(DriftReport report, string segment) => report.Segments.SingleOrDefault(s => s.Name == segment)?.Predictions ?? 0;

    private static void AssertEachPredictionOnce(DriftReport report) => Assert.Equal(report.Predictions, report.Segments.Sum(s => s.Predictions));

    [Fact]
    public async Task AHeavyLateSegment_IsAdmittedAtTheCloseOfTheWindowItOutweighsTheLightest_TheLightestGoesToOther()
    {
        await using var host = Create();
        await host.StartAsync();
        var watch = host.Watch;
        using var replacements = new MetricCollector<long>(host.Services.Registry().Metrics.Meter, ModelWatchInstruments.SegmentReplacements);

        // Window 0: the places are taken first-come ("a" by configuration, pinned).
        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 60);  // lighter than "b": stays in (other)
        var w0 = await Close(watch);
        Assert.Equal(60, Of(w0, SegmentNames.Other));
        AssertEachPredictionOnce(w0);

        // Window 1: "late" outweighs "b", the lightest evictable segment ("a" is lighter but pinned).
        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        var w1 = await Close(watch);
        Assert.Equal(300, Of(w1, SegmentNames.Other)); // counted where it was when logged
        Assert.Equal(80, Of(w1, "b"));
        AssertEachPredictionOnce(w1);

        // The replacement is logged and counted when the pass that decided it ends.
        var logged = Assert.Single(_logs.GetSnapshot(), r => r.Id.Id == 205);
        Assert.Equal(LogLevel.Information, logged.Level);
        Assert.Contains("'late' replaces 'b'", logged.Message, StringComparison.Ordinal);
        Assert.Equal(1, replacements.GetMeasurementSnapshot().Sum(m => m.Value));
        Assert.Equal("m", replacements.LastMeasurement!.Tags[ModelWatchInstruments.ModelName]);

        // Window 2: "late" is tracked, "b" counts in (other); every prediction once.
        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        var w2 = await Close(watch);
        Assert.Equal(300, Of(w2, "late"));
        Assert.Equal(80, Of(w2, SegmentNames.Other));
        Assert.Equal(50, Of(w2, "a"));
        Assert.DoesNotContain(w2.Segments, s => s.Name == "b");
        AssertEachPredictionOnce(w2);
        Assert.Equal(550, w2.Predictions);

        // The evicted segment's latest report stays findable by name.
        Assert.Equal(80, watch.GetLatestReport("m", "b")!.Predictions);
        Assert.Equal(w1.WindowStart, watch.GetLatestReport("m", "b")!.WindowStart);

        // "b" regains a place only by outweighing the lightest again.
        Log(watch, "a", 50);
        Log(watch, "b", 400);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        var w3 = await Close(watch);
        Assert.Equal(400, Of(w3, SegmentNames.Other));
        Log(watch, "b", 400);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        var w4 = await Close(watch);
        Assert.Equal(400, Of(w4, "b"));
        Assert.Equal(300, Of(w4, "late"));
        Assert.Equal(120, Of(w4, SegmentNames.Other)); // "c", the lightest in w3 after pinned "a", was evicted
        Assert.DoesNotContain(w4.Segments, s => s.Name == "c");
        AssertEachPredictionOnce(w4);
        await host.StopAsync();
    }

    [Fact]
    public async Task RowsInFlightForAnEvictedSegment_CountInOther_AndItsSlotIsReusedOnlyAWindowLater()
    {
        await using var host = Create();
        await host.StartAsync();
        var watch = host.Watch;
        var monitor = host.Services.SingleMonitor();
        Log(watch, "a", 50);
        Log(watch, "b", 80);
        Log(watch, "c", 120);
        Log(watch, "late", 300);
        await Close(watch);
        var keys = monitor.Segments!.Keys;
        int lateSlot = keys.Find("late");
        Assert.True(lateSlot >= 0);
        Assert.Equal(-1, keys.Find("b"));

        // The slot "b" had is retiring: nothing is admitted there until a window closed after the eviction.
        var retiring = Enumerable.Range(0, keys.OtherSlot).Where(keys.IsRetiring).ToList();
        Assert.Single(retiring);
        Assert.NotEqual(lateSlot, retiring[0]);
        Log(watch, "late", 10);
        await Close(watch);
        Log(watch, "late", 10);
        await Close(watch);
        Assert.DoesNotContain(Enumerable.Range(0, keys.OtherSlot), keys.IsRetiring);
        await host.StopAsync();
    }

    [Fact]
    public async Task ARestartMidWindow_KeepsTheCandidateCounts_AndTheSegmentsAdmittedByWeight()
    {
        var (services, watch, time) = TestModels.Create(Model);
        using var _ = services;
        Log(watch, "a", 50);
        Log(watch, "b", 400);
        Log(watch, "c", 800);
        time.Advance(Minute);
        await watch.EvaluateAsync();
        Log(watch, "a", 50);
        Log(watch, "b", 400);
        Log(watch, "c", 800);
        Log(watch, "late", 300); // half of its window before the restart
        var saved = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());

        var (services2, watch2, time2) = TestModels.Create(Model);
        using var _2 = services2;
        time2.Advance(Minute);
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), saved, "test"));
        Log(watch2, "late", 300); // 600 in the window: more than "b"'s 400 only with the saved half
        time2.Advance(Minute);
        await watch2.EvaluateAsync();
        var w1 = watch2.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.Add(Minute));
        Assert.Equal(600, Of(w1, SegmentNames.Other));
        Assert.Equal(400, Of(w1, "b"));
        AssertEachPredictionOnce(w1);
        Assert.Equal(-1, services2.SingleMonitor().Segments!.Keys.Find("b"));
        Log(watch2, "b", 400);
        Log(watch2, "late", 600);
        var evicted = MonitorSnapshots.Take(services2.SingleMonitor(), time2.GetUtcNow()); // "late" tracked, "b" in (other), a window in progress

        var (services3, watch3, time3) = TestModels.Create(Model);
        using var _3 = services3;
        time3.Advance(2 * Minute);
        Assert.Null(MonitorSnapshots.Restore(services3.SingleMonitor(), evicted, "test"));
        var keys = services3.SingleMonitor().Segments!.Keys;
        Assert.True(keys.Find("late") >= 0);
        Assert.Equal(-1, keys.Find("b"));
        Log(watch3, "late", 10);
        time3.Advance(Minute);
        await watch3.EvaluateAsync();
        var w2 = watch3.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.Add(2 * Minute));
        Assert.Equal(610, Of(w2, "late"));
        Assert.Equal(400, Of(w2, SegmentNames.Other));
        AssertEachPredictionOnce(w2);
    }

    [Fact]
    public async Task TwoReplicas_OneOfWhichEvicted_MergeByName_EachRowInExactlyOneSegment()
    {
        await using var a = Create("pod-a");
        await using var b = Create("pod-b");
        await a.StartAsync();
        await b.StartAsync();
        foreach (var host in new[] { a, b })
        {
            Log(host.Watch, "a", 50);
            Log(host.Watch, "b", 80);
            Log(host.Watch, "c", 120);
        }

        Log(a.Watch, "late", 300);  // pod-a promotes "late" over "b" at this window's close
        Log(b.Watch, "late", 40);   // pod-b does not
        _time.Advance(Minute);
        await a.Watch.EvaluateAsync();
        await b.Watch.EvaluateAsync();

        foreach (var host in new[] { a, b })
        {
            Log(host.Watch, "a", 50);
            Log(host.Watch, "b", 80);
            Log(host.Watch, "c", 120);
            Log(host.Watch, "late", 100);
        }

        _time.Advance(Minute);
        foreach (var host in new[] { a, b })
        {
            await host.Watch.EvaluateAsync();
            await host.StopAsync();
        }

        var merged = await new FileProfileStore(_folder).MergeWindowProfilesAsync("m", "1", TestModels.Start.Add(Minute));
        Assert.NotNull(merged);
        Assert.Equal(2 * 350, merged.Rows);
        Assert.Equal(100, merged.Segments["a"].Rows);
        Assert.Equal(240, merged.Segments["c"].Rows);
        Assert.Equal(100, merged.Segments["late"].Rows);     // pod-a's; pod-b's 100 are in its (other)
        Assert.Equal(80, merged.Segments["b"].Rows);         // pod-b's; pod-a's 80 are in its (other)
        Assert.Equal(80 + 100, merged.Segments[SegmentNames.Other].Rows);
        Assert.Equal(merged.Rows, merged.Segments.Values.Sum(s => s.Rows));
    }
}
