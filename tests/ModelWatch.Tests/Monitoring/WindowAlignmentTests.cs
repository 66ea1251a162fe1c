using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary><c>Window:Alignment</c>: where time windows start, for live traffic and for replays with the events' own times.</summary>
public sealed class WindowAlignmentTests
{
    private static readonly DateTimeOffset FirstEvent = new(2012, 1, 5, 12, 34, 56, TimeSpan.Zero); // a Thursday

    [Theory]
    [InlineData(WindowAlignment.FirstEvent, "2012-01-05T12:34:56")]
    [InlineData(WindowAlignment.Day, "2012-01-05T00:00:00")]
    [InlineData(WindowAlignment.Week, "2012-01-02T00:00:00")]          // the Monday before
    [InlineData(WindowAlignment.Epoch, "2011-12-20T00:00:00")]         // whole multiples of 30 days from 0001-01-01
    public async Task Replay_ThirtyDayWindows_StartWhereTheAlignmentSays(WindowAlignment alignment, string expectedStart)
    {
        var reports = await ReplayAsync(m => m.Window(TimeSpan.FromDays(30), alignment: alignment), days: 100);

        var start = DateTimeOffset.Parse(expectedStart + "Z", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(start, reports[0].WindowStart);
        for (int i = 0; i < reports.Count; i++)
        {
            Assert.Equal(start.AddDays(30 * i), reports[i].WindowStart);
            Assert.Equal(start.AddDays(30 * (i + 1)), reports[i].WindowEnd);
        }

        // Every replayed day is counted in the window its time falls in.
        foreach (var r in reports)
        {
            Assert.Equal(Enumerable.Range(0, 100).Count(d => FirstEvent.AddDays(d) >= r.WindowStart && FirstEvent.AddDays(d) < r.WindowEnd), r.Predictions);
        }
    }

    [Fact]
    public async Task Replay_Months_AreCalendarMonthsOfTheirOwnLength()
    {
        var reports = await ReplayAsync(m => m.WindowByMonth(), days: 100);

        Assert.Equal(
            ["2012-01-01..2012-02-01", "2012-02-01..2012-03-01", "2012-03-01..2012-04-01"],
            reports.Select(r => $"{r.WindowStart:yyyy-MM-dd}..{r.WindowEnd:yyyy-MM-dd}"));
        Assert.Equal([27, 29, 31], reports.Select(r => r.Predictions));   // from Jan 5th; 2012 is a leap year
    }

    [Fact]
    public async Task Live_FirstEventAlignment_StartsAtTheFirstPrediction_NotAtAnEarlierEvaluation()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1)).Window(TimeSpan.FromHours(1), alignment: WindowAlignment.FirstEvent));
        using var _ = services;
        var monitor = watch.GetMonitor("m");

        time.Advance(TimeSpan.FromMinutes(7));
        await watch.EvaluateAsync();                      // nothing logged yet: this fixes nothing
        time.Advance(TimeSpan.FromMinutes(10));
        var first = time.GetUtcNow();
        monitor.Log([0.1], 0.2);
        time.Advance(TimeSpan.FromMinutes(59));
        monitor.Log([0.1], 0.2);
        time.Advance(TimeSpan.FromMinutes(2));
        monitor.Log([0.1], 0.2);

        var closed = (await watch.EvaluateAsync()).Where(r => r.IsComplete).ToList();
        var report = Assert.Single(closed);
        Assert.Equal(first, report.WindowStart);
        Assert.Equal(first.AddHours(1), report.WindowEnd);
        Assert.Equal(2, report.Predictions);
    }

    [Fact]
    public void Clock_LivePathWithItsMemo_AgreesWithTheEventTimeConversion_AcrossMonthEnds()
    {
        var time = new FakeTimeProvider(new DateTimeOffset(2024, 1, 30, 0, 0, 0, TimeSpan.Zero));
        var clock = new WindowClock(time, TimeSpan.Zero, WindowAlignment.Month);
        var memo = default(EpochMemo);
        for (int step = 0; step < 24 * 80; step++)
        {
            Assert.Equal(clock.EpochOf(time.GetUtcNow()), clock.Now(ref memo));
            Assert.Equal(clock.EpochOf(time.GetUtcNow()), clock.Watermark());
            time.Advance(TimeSpan.FromMinutes(59));
        }

        long february = clock.EpochOf(new DateTimeOffset(2024, 2, 10, 0, 0, 0, TimeSpan.Zero));
        Assert.Equal(new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero), clock.StartOf(february));
        Assert.Equal(new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero), clock.StartOf(february + 1));
    }

    [Fact]
    public void Clock_FirstEventOrigin_IsKeptOnce_AndRestoredBeforeAnyEvent()
    {
        var time = new FakeTimeProvider(FirstEvent);
        var clock = new WindowClock(time, TimeSpan.FromHours(1), WindowAlignment.FirstEvent);
        Assert.Null(clock.FirstEventOrigin);
        Assert.Equal(0, clock.Watermark());               // a question, not an event
        Assert.Null(clock.FirstEventOrigin);

        Assert.Equal(0, clock.EpochOf(FirstEvent.AddMinutes(5)));
        Assert.Equal(FirstEvent.AddMinutes(5).UtcTicks, clock.FirstEventOrigin);
        Assert.Equal(-1, clock.EpochOf(FirstEvent));      // an earlier, late event: the window before
        Assert.Equal(FirstEvent.AddMinutes(5).UtcTicks, clock.FirstEventOrigin);

        var restarted = new WindowClock(time, TimeSpan.FromHours(1), WindowAlignment.FirstEvent);
        restarted.RestoreOrigin(clock.FirstEventOrigin!.Value);
        Assert.Equal(clock.EpochOf(FirstEvent.AddHours(3)), restarted.EpochOf(FirstEvent.AddHours(3)));
        Assert.Equal(clock.StartOf(7), restarted.StartOf(7));
    }

    [Fact]
    public async Task Snapshot_KeepsTheFirstEventOrigin_SoWindowsContinueAfterARestart()
    {
        var reference = TestModels.NormalReference(1);
        void Model(ModelBuilder m) => m.Numeric("f0").Reference(reference).Window(TimeSpan.FromDays(30), alignment: WindowAlignment.FirstEvent);
        var (services, watch, _) = TestModels.Create(Model);
        MonitorSnapshot snapshot;
        using (services)
        {
            var monitor = watch.GetMonitor("m");
            for (int d = 0; d < 10; d++)
            {
                monitor.Log([0.1], [], 0.2, FirstEvent.AddDays(d));
            }

            var engineMonitor = services.SingleMonitor();
            lock (engineMonitor.CollectLock)
            {
                snapshot = MonitorSnapshots.Take(engineMonitor, TestModels.Start);
            }
        }

        Assert.Equal(FirstEvent.UtcTicks, snapshot.WindowOrigin);
        var (restoredServices, restored, _) = TestModels.Create(Model);
        using (restoredServices)
        {
            var monitor = restoredServices.SingleMonitor();
            lock (monitor.CollectLock)
            {
                MonitorSnapshots.Restore(monitor, snapshot, "snapshot.json");
            }

            for (int d = 10; d < 40; d++)
            {
                restored.GetMonitor("m").Log([0.1], [], 0.2, FirstEvent.AddDays(d));
            }

            var closed = (await restored.EvaluateAsync()).Where(r => r.IsComplete).ToList();
            var report = Assert.Single(closed);
            Assert.Equal(FirstEvent, report.WindowStart);
            Assert.Equal(30, report.Predictions);
        }
    }

    [Theory]
    [InlineData("Count", "FirstEvent", null, "applies to time windows")]
    [InlineData("Time", "Month", "00:10:00", "leave Window:SubWindowDuration")]
    [InlineData("Time", "Calendar", null, "Epoch, FirstEvent, Day, Week or Month")]
    public void Configuration_InvalidAlignment_IsRefusedWithAClearMessage(string kind, string alignment, string? subWindow, string expected)
    {
        var settings = new Dictionary<string, string?>
        {
            ["ModelWatch:Models:m:Features:0:Name"] = "f0",
            ["ModelWatch:Models:m:Window:Kind"] = kind,
            ["ModelWatch:Models:m:Window:Alignment"] = alignment,
            ["ModelWatch:Models:m:Window:SubWindowDuration"] = subWindow,
        };
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection();
        services.AddModelWatch(configuration.GetSection("ModelWatch"));
        using var provider = services.BuildServiceProvider();
        var ex = Assert.ThrowsAny<Exception>(() => provider.GetRequiredService<IModelWatch>().Models);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    /// <summary>Replays one prediction a day from <see cref="FirstEvent"/> with the events' own times, and returns the closed windows.</summary>
    private static async Task<List<DriftReport>> ReplayAsync(Action<ModelBuilder> window, int days)
    {
        var reference = TestModels.NormalReference(1);
        var (services, watch, _) = TestModels.Create(m => window(m.Numeric("f0").Reference(reference)));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int d = 0; d < days; d++)
        {
            monitor.Log([0.1], [], 0.2, FirstEvent.AddDays(d));
        }

        return [.. (await watch.EvaluateAsync()).Where(r => r.IsComplete).OrderBy(r => r.WindowStart)];
    }
}
