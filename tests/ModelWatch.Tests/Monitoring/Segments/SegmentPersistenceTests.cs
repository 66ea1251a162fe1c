using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>Segments survive a restart, and are counted only once the model has a reference.</summary>
public sealed class SegmentPersistenceTests : IDisposable
{
    private static readonly string[] Countries = ["US", "DE", "FR"];
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 3_000, categories: Countries);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-seg-" + Guid.NewGuid().ToString("N"));
    private readonly FakeTimeProvider _time = new(TestModels.Start);

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    private HostedModelWatch Create(Action<ModelBuilder> model)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(_time);
        services.AddModelWatch(o => o.ShardCount = 2).AddModel("m", model).UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }

    private static void Segmented(ModelBuilder m) =>
        m.Numeric("f0", "f1").Categorical("c0").Reference(Reference).Window(TimeSpan.FromMinutes(10)).SegmentBy("c0").MaxSegments(2);

    private static void Log(IModelWatch watch, string country, int count)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < count; i++)
        {
            monitor.Log([i % 5 * 0.1, -0.1], [country], 0.3);
        }
    }

    [Fact]
    public async Task Restart_KeepsTheAdmittedSegmentsAndTheirWindowsInProgress()
    {
        await using (var first = Create(Segmented))
        {
            await first.StartAsync();
            Log(first.Watch, "FR", 30); // admitted first
            Log(first.Watch, "US", 20); // admitted second
            Log(first.Watch, "DE", 10); // no place: (other)
            await first.StopAsync();
        }

        await using var second = Create(Segmented);
        await second.StartAsync();
        Log(second.Watch, "DE", 5);  // still no place: the restored segments keep theirs
        Log(second.Watch, "FR", 7);
        var report = Assert.Single(await second.Watch.EvaluateAsync());

        Assert.Equal(72, report.Predictions);
        Assert.Equal(37, report.Segments.Single(s => s.Name == "FR").Predictions);
        Assert.Equal(20, report.Segments.Single(s => s.Name == "US").Predictions);
        Assert.Equal(15, report.Segments.Single(s => s.Name == SegmentNames.Other).Predictions);
        var keys = second.Services.SingleMonitor().Segments!.Keys;
        Assert.Equal(0, keys.Find("FR"));
        Assert.Equal(1, keys.Find("US"));
        await second.StopAsync();
    }

    [Fact]
    public async Task BeforeAProductionReference_RowsCountInTheWholeModelOnly()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Categorical("c0").ReferenceFromFirstPredictions(300).Window(TimeSpan.FromMinutes(1)).SegmentBy("c0"));
        using var _ = services;
        var rng = new SplitMix64(8);
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 299; i++)
        {
            monitor.Log([rng.NextNormal(), rng.NextNormal()], [Countries[i % 3]], rng.NextNormal());
        }

        var gathering = Assert.Single(await watch.EvaluateAsync());
        Assert.Equal(DriftReportStatus.NoReference, gathering.Status);
        Assert.Empty(gathering.Segments);

        Assert.Null(((ModelMonitor)watch.GetMonitor("m", "1")).Collected.PreReference!.Segments?.NonEmpty().FirstOrDefault().Child);
        monitor.Log([0.1, 0.2], ["US"], 0.3);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync(); // builds the reference
        for (int i = 0; i < 300; i++)
        {
            monitor.Log([rng.NextNormal(), rng.NextNormal()], [Countries[i % 3]], rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(DriftReportStatus.Evaluated, report.Status);
        Assert.Equal(300, report.Predictions);
        Assert.Equal([100L, 100L, 100L], report.Segments.Select(s => s.Predictions));
    }
}
