using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>The model-level alert on the share of drifted segments (<c>Segments:AlertShare</c>).</summary>
public sealed class SegmentShareAlertTests
{
    private static readonly string[] Segments = SegmentScenarios.Names(10);

    /// <summary>
    /// Logs a window of 5,000 rows over ten segments; the segments in <paramref name="shifted"/>
    /// alternate +1 σ and −1 σ on both features, so the whole model's mean stays put.
    /// </summary>
    private static void Log(IModelWatch watch, ref SplitMix64 rng, string[] shifted)
    {
        var monitor = watch.GetMonitor("m");
        var row = new double[2];
        var cats = new string?[1];
        for (int r = 0; r < 5_000; r++)
        {
            string segment = Segments[r % Segments.Length];
            int at = Array.IndexOf(shifted, segment);
            double offset = at < 0 ? 0 : at % 2 == 0 ? 1 : -1;
            row[0] = rng.NextNormal() + offset;
            row[1] = rng.NextNormal() + offset;
            cats[0] = segment;
            monitor.Log(row, cats, rng.NextNormal());
        }
    }

    /// <summary>Closes the window and returns its report.</summary>
    private static async Task<DriftReport> Close(IModelWatch watch, Microsoft.Extensions.Time.Testing.FakeTimeProvider time)
    {
        time.Advance(TimeSpan.FromMinutes(1));
        return (await watch.EvaluateAsync()).Single(x => x.IsComplete);
    }

    [Fact]
    public async Task ShareReachingTheLevel_RaisesAModelLevelAlertAfterTwoWindows_AndClearsAfterTwo()
    {
        var (services, watch, time) = SegmentScenarios.Create(2, Segments, m => m.Configure(o =>
        {
            o.Segments.AlertShare = 0.3;
            o.Alerts.Cooldown = TimeSpan.Zero;
        }));
        using var _ = services;
        var rng = new SplitMix64(21);
        string[] three = ["s1", "s4", "s7"];
        string[] one = ["s4"];

        // Windows: clean, three segments (0.3), one (0.1: below), three, three, clean, clean.
        string[][] plan = [[], three, one, three, three, [], []];
        var shares = new List<double?>();
        var active = new List<bool>();
        foreach (var shifted in plan)
        {
            Log(watch, ref rng, shifted);
            var report = await Close(watch, time);
            shares.Add(report.DriftedSegmentShare);
            active.Add(ShareActive(services));
        }

        Assert.Equal([0, 0.3, 0.1, 0.3, 0.3, 0, 0], shares.Select(s => Math.Round(s!.Value, 6)));
        Assert.Equal([false, false, false, false, true, true, false], active);
    }

    [Fact]
    public async Task ShareAlert_GoesToTheHandlers_WithTheWholeReport_AndIsActiveForTheModel()
    {
        var (services, watch, time) = TestModels.Create(
            m => m.Numeric("f0", "f1").Categorical("c0").Reference(TestModels.NormalReference(2, categories: Segments)).Window(TimeSpan.FromMinutes(1)).SegmentBy("c0")
                .Configure(o =>
                {
                    o.Segments.ReferenceSize = 0;
                    o.Segments.AlertShare = 0.25;
                    o.Alerts.Cooldown = TimeSpan.Zero;
                }),
            more: b => b.AddAlertHandler<AlertTests.RecordingHandler>());
        using var _ = services;
        var handler = (AlertTests.RecordingHandler)services.GetServices<IDriftAlertHandler>().Single();
        var rng = new SplitMix64(5);
        string[] three = ["s2", "s5", "s8"];
        foreach (var shifted in new[] { three, three })
        {
            Log(watch, ref rng, shifted);
            await Close(watch, time);
        }

        var alert = Assert.Single(handler.Alerts, a => a.DriftedSegmentShare is not null);
        Assert.Equal(DriftAlertKind.Raised, alert.Kind);
        Assert.Equal(0.3, alert.DriftedSegmentShare!.Value, 12);
        Assert.Null(alert.Segment);
        Assert.Null(alert.Report.Segment);
        Assert.Empty(alert.DriftedFeatures);
        Assert.Equal(three.Order(StringComparer.Ordinal), alert.Report.Segments.Where(s => s.IsDrift).Select(s => s.Name).Order(StringComparer.Ordinal));
        Assert.Equal(TestModels.Start.AddMinutes(2), alert.At);
        Assert.True(watch.IsAlertActive("m"));
        using var json = JsonDocument.Parse(JsonSerializer.Serialize(alert));
        Assert.Equal(0.3, json.RootElement.GetProperty("driftedSegmentShare").GetDouble(), 12);
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    [InlineData(double.NaN)]
    public void AlertShare_OutsideZeroToOne_IsAConfigurationError(double share)
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1)));
        using var __ = services;
        var error = Assert.Throws<OptionsValidationException>(() => watch.AddModel("bad", m => m.Numeric("f0").Categorical("c0").SegmentBy("c0").Configure(o => o.Segments.AlertShare = share)));
        Assert.Contains(error.Failures, f => f.Contains("Segments:AlertShare", StringComparison.Ordinal));
    }

    [Fact]
    public void AlertShare_OnAnUnsegmentedModel_IsAConfigurationError()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1)));
        using var __ = services;
        var error = Assert.Throws<OptionsValidationException>(() => watch.AddModel("bad", m => m.Numeric("f0").Configure(o => o.Segments.AlertShare = 0.2)));
        Assert.Contains(error.Failures, f => f.Contains("not segmented", StringComparison.Ordinal));
    }

    private static bool ShareActive(ServiceProvider services) => services.SingleMonitor().Segments!.Alerts.Share.Active;
}
