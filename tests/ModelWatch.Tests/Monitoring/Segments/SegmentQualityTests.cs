using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.Monitoring.Quality;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Segments;

/// <summary>
/// Realised quality per segment: an outcome counts in the segment its prediction was logged in (and
/// in the whole model), whenever it arrives; per-segment reports, alerts with hysteresis, restarts.
/// </summary>
public sealed class SegmentQualityTests : IDisposable
{
    private static readonly string[] Segments = ["A", "B"];
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 1, rows: 4_000, categories: Segments);
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "mw-segq-" + Guid.NewGuid().ToString("N"));
    private SplitMix64 _rng = new(17); // a mutable struct: not readonly
    private int _ids;

    public void Dispose()
    {
        if (Directory.Exists(_folder))
        {
            Directory.Delete(_folder, recursive: true);
        }
    }

    /// <summary>A binary classifier segmented by "c0" (A, B), hourly windows, no input-drift verdicts, accuracy at least 0.8.</summary>
    internal static void Model(ModelBuilder m)
    {
        m.Numeric("f0").Categorical("c0").Reference(Reference).Window(TimeSpan.FromHours(1)).BinaryClassification().SegmentBy("c0")
            .QualityAtLeast(QualityMetric.Accuracy, 0.8)
            .Configure(o =>
            {
                o.Segments.ReferenceSize = 0;
                o.Segments.MinPredictions = 10;
                o.Drift.PValueThreshold = 1e-12; // these tests are about outcomes
                o.Alerts.Cooldown = TimeSpan.Zero;
                o.Quality.ConceptDrift = ConceptDriftDetector.None;
            });
    }

    /// <summary>
    /// Logs <paramref name="rows"/> predictions of score 0.9 (class 1) in <paramref name="segment"/>;
    /// the first <paramref name="correct"/> are right. Returns their ids and true classes; the outcomes are recorded when <paramref name="record"/>.
    /// </summary>
    private List<(string Id, int Actual)> Log(IModelWatch watch, string segment, int rows, int correct, bool record = true)
    {
        var monitor = watch.GetMonitor("m");
        var logged = new List<(string, int)>();
        for (int i = 0; i < rows; i++)
        {
            string id = "p" + Interlocked.Increment(ref _ids);
            int actual = i < correct ? 1 : 0;
            monitor.Log([_rng.NextNormal()], [segment], 0.9, id); // the reference's population: no input drift
            logged.Add((id, actual));
            if (record)
            {
                monitor.RecordOutcome(id, actual);
            }
        }

        return logged;
    }

    [Fact]
    public async Task Outcomes_CountInTheSegmentTheirPredictionWasLoggedIn_AndInTheWholeModel()
    {
        var (services, watch, time) = TestModels.Create(Model);
        using var _ = services;
        Log(watch, "A", rows: 300, correct: 270);
        Log(watch, "B", rows: 100, correct: 50);
        time.Advance(TimeSpan.FromHours(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);

        Assert.Equal(0.8, watch.GetLatestQualityReport("m")!.Metrics.Accuracy!.Value, 12); // 320 of 400
        var a = watch.GetLatestQualityReport("m", "A")!;
        var b = watch.GetLatestQualityReport("m", "B")!;
        Assert.Equal("A", a.Segment);
        Assert.True(a.IsComplete);
        Assert.Equal(300, a.Metrics.Outcomes);
        Assert.Equal(0.9, a.Metrics.Accuracy!.Value, 12);
        Assert.Equal(100, b.Metrics.Outcomes);
        Assert.Equal(0.5, b.Metrics.Accuracy!.Value, 12);
        Assert.Contains(b.Breaches, x => x.Metric == QualityMetric.Accuracy && x.Value == 0.5 && x.Limit == 0.8);
        Assert.Empty(a.Breaches);

        // The drift report's segment results carry the realised quality of their window's predictions.
        Assert.Equal(0.9, report.Segments.Single(s => s.Name == "A").Quality!.Accuracy!.Value, 12);
        Assert.Equal(0.5, report.Segments.Single(s => s.Name == "B").Quality!.Accuracy!.Value, 12);
        Assert.Null(watch.GetLatestQualityReport("m", "C"));
    }

    [Fact]
    public async Task DelayedAndEarlyOutcomes_CountInTheSegmentOfTheirPrediction()
    {
        var (services, watch, time) = TestModels.Create(Model);
        using var _ = services;
        var monitor = watch.GetMonitor("m");

        // Ten outcomes of segment B arrive before their predictions.
        for (int i = 0; i < 10; i++)
        {
            monitor.RecordOutcome("early" + i, 0);
        }

        for (int i = 0; i < 10; i++)
        {
            monitor.Log([0.1], ["B"], 0.9, "early" + i);
        }

        var a = Log(watch, "A", rows: 200, correct: 200, record: false);
        var b = Log(watch, "B", rows: 90, correct: 0, record: false);
        time.Advance(TimeSpan.FromHours(1));
        var first = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        Assert.Equal(0, first.Segments.Single(s => s.Name == "A").Quality!.Outcomes); // no label yet

        // The labels come an hour later; the outcome path knows only the id.
        foreach (var (id, actual) in a.Concat(b))
        {
            monitor.RecordOutcome(id, actual);
        }

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();

        var ra = watch.GetLatestQualityReport("m", "A")!;
        var rb = watch.GetLatestQualityReport("m", "B")!;
        Assert.Equal(200, ra.Metrics.Outcomes);
        Assert.Equal(1.0, ra.Metrics.Accuracy!.Value);
        Assert.Equal(90, rb.Metrics.Outcomes); // the late ones; the 10 early ones were scored in the first hour
        Assert.Equal(0.0, rb.Metrics.Accuracy!.Value);
        Assert.Equal(290, watch.GetLatestQualityReport("m")!.Metrics.Outcomes);
        Assert.Equal(200.0 / 290, watch.GetLatestQualityReport("m")!.Metrics.Accuracy!.Value, 12);
        Assert.Equal(10, watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival)[0].Metrics.Outcomes);
    }

    [Fact]
    public async Task OneSegmentDegrades_ItsQualityAlertRaisesAfterTwoWindows_ClearsAfterTwo_TheWholeModelsDoesNot()
    {
        var handler = new QualityAlertTests.QualityRecorder();
        var trigger = new AlertTests.RecordingTrigger();
        var (services, watch, time) = TestModels.Create(Model, more: x =>
        {
            x.Services.AddSingleton<IDriftAlertHandler>(handler);
            x.Services.AddSingleton<IRetrainingTrigger>(trigger);
        });
        using var _ = services;
        var activeAfter = new List<bool>();
        foreach (int correctOfForty in new[] { 38, 38, 24, 24, 24, 38, 38 })
        {
            Log(watch, "A", rows: 360, correct: 342);           // 0.95
            Log(watch, "B", rows: 40, correct: correctOfForty); // 0.95 or 0.6
            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();

            // One retraining per model at a time: let the whole model's drift retraining (raised in the
            // second hour) finish, as it would in the hour before the next pass, so B's is not skipped.
            if (services.SingleMonitor().State.RetrainingInFlight is { } inFlight)
            {
                await inFlight;
            }

            activeAfter.Add(watch.IsQualityAlertActive("m", "B"));
            Assert.False(watch.IsQualityAlertActive("m", "A"));
            Assert.False(watch.IsQualityAlertActive("m")); // the whole model: 0.915 at worst
        }

        Assert.Equal([false, false, false, true, true, true, false], activeAfter);
        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var alerts = handler.Alerts.ToArray();
        Assert.Equal(2, alerts.Length);
        Assert.All(alerts, x => Assert.Equal("B", x.Segment));
        Assert.Equal(DriftAlertKind.Raised, alerts[0].Kind);
        Assert.Equal(TestModels.Start.AddHours(3), alerts[0].Report.WindowStart); // the second bad hour
        Assert.Equal("B", alerts[0].Report.Segment);
        Assert.Equal(0.6, alerts[0].Report.Metrics.Accuracy!.Value, 12);
        Assert.Contains(alerts[0].Reasons, r => r.StartsWith("Accuracy", StringComparison.Ordinal));
        Assert.Equal(DriftAlertKind.Cleared, alerts[1].Kind);
        var request = Assert.Single(trigger.Requests, r => r.Quality is not null); // the whole model also drifts on c0 (B is 10 % of the rows, half of the reference)
        Assert.Equal("B", request.Segment);
        Assert.Contains("segment 'B'", request.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void SegmentQueries_OnAnUnsegmentedModel_Throw()
    {
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0").Reference(TestModels.NormalReference(1)).BinaryClassification());
        using var __ = services;
        Assert.Throws<InvalidOperationException>(() => watch.GetLatestQualityReport("m", "A"));
        Assert.Throws<InvalidOperationException>(() => watch.IsQualityAlertActive("m", "A"));
        Assert.Throws<InvalidOperationException>(() => watch.IsAlertActive("m", "A"));
    }

    [Fact]
    public async Task Restart_KeepsPendingPredictionsSegments_TheSegmentsWindowsInProgress_AndTheirAlerts()
    {
        var time = new FakeTimeProvider(TestModels.Start);
        List<(string Id, int Actual)> pending;
        await using (var first = Host(time))
        {
            await first.StartAsync();
            for (int hour = 0; hour < 2; hour++)
            {
                Log(first.Watch, "A", rows: 100, correct: 100);
                Log(first.Watch, "B", rows: 50, correct: 0);
                time.Advance(TimeSpan.FromHours(1));
                await first.Watch.EvaluateAsync();
            }

            Assert.True(first.Watch.IsQualityAlertActive("m", "B"));
            Log(first.Watch, "B", rows: 40, correct: 40);                         // scored, window in progress
            pending = Log(first.Watch, "B", rows: 60, correct: 60, record: false); // waiting for labels
            await first.StopAsync();
        }

        await using var second = Host(time);
        await second.StartAsync();
        Assert.True(second.Watch.IsQualityAlertActive("m", "B"));
        foreach (var (id, actual) in pending)
        {
            second.Watch.GetMonitor("m").RecordOutcome(id, actual);
        }

        time.Advance(TimeSpan.FromHours(1));
        await second.Watch.EvaluateAsync();
        var b = second.Watch.GetLatestQualityReport("m", "B")!;
        Assert.Equal(100, b.Metrics.Outcomes); // 40 before the restart, 60 after, all in B
        Assert.Equal(1.0, b.Metrics.Accuracy!.Value);
        Assert.True(second.Watch.IsQualityAlertActive("m", "B")); // one good window of the two that clear it
        await second.StopAsync();
    }

    private HostedModelWatch Host(FakeTimeProvider time)
    {
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(time);
        services.AddModelWatch(o => o.ShardCount = 2).AddModel("m", Model).UseFileStore(_folder);
        return new HostedModelWatch(services.BuildServiceProvider());
    }
}
