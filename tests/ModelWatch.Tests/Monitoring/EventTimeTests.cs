using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Event time is trusted only within bounds: an explicit timestamp further ahead of the clock than
/// <see cref="WindowOptions.MaxEventTimeLead"/> is counted as invalid time and not windowed, and a
/// window closes when the clock passes it, never because an event claimed a later time.
/// </summary>
public sealed class EventTimeTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);

    public static TheoryData<string> BadTimestamps => ["a year ahead", "DateTimeOffset.MaxValue", "milliseconds read as seconds"];

    /// <summary>The bad timestamp for a call made at <paramref name="now"/>.</summary>
    private static DateTimeOffset Bad(string kind, DateTimeOffset now) => kind switch
    {
        "a year ahead" => now.AddYears(1),
        "DateTimeOffset.MaxValue" => DateTimeOffset.MaxValue,

        // An offset of 1,500 ms added as seconds: 25 minutes ahead.
        _ => now + TimeSpan.FromSeconds(1_500),
    };

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task OneBadTimestamp_NeitherClosesTheLiveWindowNorBecomesTheLatestReport(string kind)
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.0, 0.0], [], 0.0, Bad(kind, time.GetUtcNow()));

        // 10,000 drifted live rows over 50 minutes of the hour, evaluated every 10 minutes.
        var rng = new SplitMix64(7);
        for (int i = 0; i < 10_000; i++)
        {
            monitor.Log([rng.NextNormal() + 3, rng.NextNormal() + 3], rng.NextNormal());
            time.Advance(TimeSpan.FromMilliseconds(300));
            if (i % 2_000 == 1_999)
            {
                await watch.EvaluateAsync();
            }
        }

        time.Advance(TimeSpan.FromMinutes(15));
        await watch.EvaluateAsync();

        var hour = Assert.Single(watch.GetHistory("m"));
        Assert.Equal(TestModels.Start, hour.WindowStart);
        Assert.Equal(10_000, hour.Predictions);
        Assert.True(hour.IsDrift);
        Assert.Same(hour, watch.GetLatestReport("m"));
        Assert.Equal(1, services.SingleMonitor().Totals.InvalidTimes);
    }

    [Fact]
    public async Task TimedEventWithinTheLead_IsWindowedInItsOwnHour_WithoutClosingTheLiveHourEarly()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        time.Advance(TimeSpan.FromMinutes(58));
        for (int i = 0; i < 100; i++)
        {
            monitor.Log([0.1, 0.2], 0.3);
        }

        // Four minutes ahead: the next hour, within the five-minute lead.
        monitor.Log([0.0, 0.0], [], 0.0, time.GetUtcNow().AddMinutes(4));
        await watch.EvaluateAsync();
        for (int i = 0; i < 100; i++)
        {
            monitor.Log([0.1, 0.2], 0.3);
        }

        Assert.Empty(watch.GetHistory("m"));
        Assert.Equal(TestModels.Start, watch.GetLatestReport("m")!.WindowStart);

        time.Advance(TimeSpan.FromMinutes(3));
        await watch.EvaluateAsync();
        var hour = Assert.Single(watch.GetHistory("m"));
        Assert.Equal(200, hour.Predictions);
        Assert.Equal(0, services.SingleMonitor().Totals.InvalidTimes);

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
        Assert.Equal([200L, 1], watch.GetHistory("m").Select(r => r.Predictions));
    }

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task CountWindows_BadTimestamp_IsCountedAsInvalidTimeAndNotRecorded(string kind)
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).WindowByCount(10));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.0, 0.0], [], 0.0, Bad(kind, time.GetUtcNow()));
        for (int i = 0; i < 10; i++)
        {
            monitor.Log([0.1, 0.2], 0.3);
        }

        await watch.EvaluateAsync();
        Assert.Equal(10, Assert.Single(watch.GetHistory("m")).Predictions);
        Assert.Equal(1, services.SingleMonitor().Totals.InvalidTimes);
    }

    [Theory]
    [MemberData(nameof(BadTimestamps))]
    public async Task OutcomeWithABadTimestamp_IsCountedInvalid_AndNeverBecomesTheLatestQualityReport(string kind)
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification());
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        monitor.Log([0.1, 0.2], [], 0.9, "a");
        monitor.Log([0.1, 0.2], [], 0.9, "b");
        monitor.RecordOutcome("a", 1, Bad(kind, time.GetUtcNow()));
        monitor.RecordOutcome("b", 1);
        await watch.EvaluateAsync();

        var counts = watch.GetOutcomeCounts("m");
        Assert.Equal(1, counts.Invalid);
        Assert.Equal(1, counts.Joined);
        Assert.Equal(1, counts.Pending);
        Assert.Equal(TestModels.Start, watch.GetLatestQualityReport("m")!.WindowStart);
    }

    [Fact]
    public void StrictModel_BadTimestamp_ThrowsNamingTheSetting()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification().Configure(o => o.Strict = true));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var log = Assert.Throws<ArgumentException>(() => monitor.Log([0.0, 0.0], [], 0.0, time.GetUtcNow().AddYears(1)));
        Assert.Contains("Window:MaxEventTimeLead", log.Message, StringComparison.Ordinal);
        var outcome = Assert.Throws<ArgumentException>(() => monitor.RecordOutcome("a", 1, DateTimeOffset.MaxValue));
        Assert.Contains("Window:MaxEventTimeLead", outcome.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void InvalidTimes_SurviveASnapshot()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _ = services;
        watch.GetMonitor("m").Log([0.0, 0.0], [], 0.0, DateTimeOffset.MaxValue);
        var snapshot = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());

        var (restoredServices, _, _) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _r = restoredServices;
        var restored = restoredServices.SingleMonitor();
        lock (restored.CollectLock)
        {
            Assert.Null(MonitorSnapshots.Restore(restored, snapshot, "test"));
        }

        Assert.Equal(1, restored.Totals.InvalidTimes);
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(24 * 60 + 1)]
    public void MaxEventTimeLead_OutOfRange_IsAConfigurationError(int minutes)
    {
        var options = new ModelOptions { Features = { new FeatureOptions { Name = "f0" } } };
        options.Reference.Source = ReferenceSource.FirstPredictions;
        options.Window.MaxEventTimeLead = TimeSpan.FromMinutes(minutes);
        var result = new ModelOptionsValidator().Validate("m", options);
        Assert.True(result.Failed);
        Assert.Contains("Window:MaxEventTimeLead", result.FailureMessage, StringComparison.Ordinal);
    }
}
