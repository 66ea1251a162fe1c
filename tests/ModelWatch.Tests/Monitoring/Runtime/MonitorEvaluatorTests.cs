using Microsoft.Extensions.Logging.Testing;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// The evaluator through its own seam: a monitor built by hand, a fake clock, and
/// <see cref="MonitorEvaluator.Evaluate"/>'s <see cref="MonitorEvaluation"/>.
/// </summary>
public sealed class MonitorEvaluatorTests : IDisposable
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 4);
    private static readonly TimeSpan Minute = TimeSpan.FromMinutes(1);

    /// <summary>The sub-window of <see cref="TestModels.Start"/> for one-minute sub-windows.</summary>
    private static readonly long E0 = TestModels.Start.UtcTicks / Minute.Ticks;

    private readonly FakeTimeProvider _time = new(TestModels.Start);
    private readonly FakeLogger _logger = new();
    private readonly ModelWatchMetrics _metrics = new(factory: null, () => []);
    private SplitMix64 _rng = new(42);

    public void Dispose() => _metrics.Dispose();

    private (ModelMonitor Monitor, MonitorEvaluator Evaluator) Create(Action<ModelBuilder> configure, bool keepClosedWindows = false)
    {
        var definition = Parts.Define(configure);
        return (Parts.Monitor(definition, _time), new MonitorEvaluator(_time, _logger, _metrics, keepClosedWindows));
    }

    private (ModelMonitor Monitor, MonitorEvaluator Evaluator) CreateMinuteWindows(int raiseAfter = 2, int clearAfter = 2, bool keepProfiles = false, bool keepClosedWindows = false) =>
        Create(
            m =>
            {
                m.Numeric(TestModels.FeatureNames(4)).Reference(Reference).Window(Minute).Configure(o =>
                {
                    o.Alerts.RaiseAfterWindows = raiseAfter;
                    o.Alerts.ClearAfterWindows = clearAfter;
                    o.Alerts.Cooldown = TimeSpan.Zero;
                });
                if (keepProfiles)
                {
                    m.KeepWindowProfiles();
                }
            },
            keepClosedWindows);

    private void Log(ModelMonitor monitor, int rows, double shift = 0) => Parts.LogRows(monitor, ref _rng, rows, shift);

    [Fact]
    public void Evaluate_ThreeClosedSubWindows_OneReportPerWindowInOrderThenTheCurrent()
    {
        var (monitor, evaluator) = CreateMinuteWindows();
        for (int k = 0; k < 3; k++)
        {
            Log(monitor, 100 * (k + 1));
            _time.Advance(Minute);
        }

        Log(monitor, 50); // the current minute

        var reports = evaluator.Evaluate(monitor).DriftReports;

        Assert.Equal(4, reports.Count);
        for (int k = 0; k < 3; k++)
        {
            Assert.True(reports[k].IsComplete);
            Assert.Equal(DriftReportStatus.Evaluated, reports[k].Status);
            Assert.Equal(E0 + k, reports[k].FirstSubWindow);
            Assert.Equal(E0 + k, reports[k].LastSubWindow);
            Assert.Equal(TestModels.Start.AddMinutes(k), reports[k].WindowStart);
            Assert.Equal(TestModels.Start.AddMinutes(k + 1), reports[k].WindowEnd);
            Assert.Equal(100 * (k + 1), reports[k].Predictions);
        }

        Assert.False(reports[3].IsComplete);
        Assert.Equal(E0 + 3, reports[3].LastSubWindow);
        Assert.Equal(50, reports[3].Predictions);
        Assert.Same(reports[3], monitor.State.LatestReport);
        Assert.Equal(reports.Take(3), monitor.State.History);
        Assert.Equal(E0 + 2, monitor.State.ReportedThrough);
    }

    [Fact]
    public void Evaluate_NextPass_DoesNotRepeatClosedReports()
    {
        var (monitor, evaluator) = CreateMinuteWindows();
        Log(monitor, 100);
        _time.Advance(Minute);
        Log(monitor, 50);
        Assert.Equal(2, evaluator.Evaluate(monitor).DriftReports.Count);

        // Same minute, nothing new: nothing is evaluated again, the current window's report stands.
        var current = monitor.State.LatestReport!;
        Assert.Empty(evaluator.Evaluate(monitor).DriftReports);
        Assert.Same(current, monitor.State.LatestReport);
        Assert.False(current.IsComplete);
        Assert.Equal(50, current.Predictions);

        // One more prediction in the same minute: the current window is evaluated again.
        Log(monitor, 1);
        var grown = Assert.Single(evaluator.Evaluate(monitor).DriftReports);
        Assert.Equal(51, grown.Predictions);

        // The current minute closes: its report comes once; the new minute is empty, so no current report.
        _time.Advance(Minute);
        var closed = Assert.Single(evaluator.Evaluate(monitor).DriftReports);
        Assert.True(closed.IsComplete);
        Assert.Equal(E0 + 1, closed.LastSubWindow);
        Assert.Equal(51, closed.Predictions);

        Assert.Empty(evaluator.Evaluate(monitor).DriftReports);
        Assert.Equal(2, monitor.State.History.Count);
    }

    [Fact]
    public void Evaluate_SlidingWindows_ReportsEveryWindowEndThatHoldsDataOnce()
    {
        // Three-minute windows sliding by a minute; data in minutes 0, 1 and 2 (100 rows each).
        var (monitor, evaluator) = Create(m => m.Numeric(TestModels.FeatureNames(4)).Reference(Reference).Window(TimeSpan.FromMinutes(3), Minute));
        for (int k = 0; k < 3; k++)
        {
            Log(monitor, 100);
            _time.Advance(Minute);
        }

        var first = evaluator.Evaluate(monitor).DriftReports;

        // Closed: the windows ending at minutes 0, 1, 2; current: the one ending at minute 3 (it holds minutes 1 and 2).
        Assert.Equal([(E0 - 2, E0, 100L, true), (E0 - 1, E0 + 1, 200L, true), (E0, E0 + 2, 300L, true), (E0 + 1, E0 + 3, 200L, false)], first.Select(r => (r.FirstSubWindow, r.LastSubWindow, r.Predictions, r.IsComplete)));

        _time.Advance(5 * Minute);
        var second = evaluator.Evaluate(monitor).DriftReports;

        // The windows ending at minutes 3 and 4 close; later ones hold nothing.
        Assert.Equal([(E0 + 1, E0 + 3, 200L, true), (E0 + 2, E0 + 4, 100L, true)], second.Select(r => (r.FirstSubWindow, r.LastSubWindow, r.Predictions, r.IsComplete)));
        Assert.Equal(0, monitor.Collected.Epochs.Count); // everything before the current window is forgotten
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 2)]
    [InlineData(2, 4)]
    public void Evaluate_DriftedStream_RaisesAfterRaiseAfterWindowsAndClearsAfterClearAfterCleanOnes(int raiseAfter, int clearAfter)
    {
        var (monitor, evaluator) = CreateMinuteWindows(raiseAfter, clearAfter);
        var windows = Enumerable.Repeat(true, raiseAfter + 1).Concat(Enumerable.Repeat(false, clearAfter + 1)).ToArray();
        var alerts = new List<(int Window, DriftAlert Alert)>();
        for (int w = 0; w < windows.Length; w++)
        {
            Log(monitor, 400, shift: windows[w] ? 2 : 0);
            _time.Advance(Minute);
            var evaluation = evaluator.Evaluate(monitor);
            Assert.Equal(windows[w], Assert.Single(evaluation.DriftReports).IsDrift);
            alerts.AddRange(evaluation.DriftAlerts.Select(a => (w, a)));
            Assert.Equal(w >= raiseAfter - 1 && w < raiseAfter + 1 + clearAfter - 1, monitor.State.Alert.Active);
        }

        Assert.Equal(2, alerts.Count);
        var (raisedAt, raised) = alerts[0];
        Assert.Equal(DriftAlertKind.Raised, raised.Kind);
        Assert.Equal(raiseAfter - 1, raisedAt);
        Assert.Equal(TestModels.Start.AddMinutes(raiseAfter), raised.At); // the raising window's end
        Assert.Equal(TestModels.FeatureNames(4), raised.DriftedFeatures.ToArray());
        Assert.Equal(("m", "1"), (raised.ModelName, raised.ModelVersion));
        Assert.True(raised.Report.IsDrift);

        var (clearedAt, cleared) = alerts[1];
        Assert.Equal(DriftAlertKind.Cleared, cleared.Kind);
        Assert.Equal(raiseAfter + 1 + clearAfter - 1, clearedAt);
        Assert.False(cleared.Report.IsDrift);
        Assert.Empty(cleared.DriftedFeatures);
    }

    [Fact]
    public void Evaluate_SeveralClosedWindowsInOnePass_AlertsInWindowOrder()
    {
        // A pass after an outage: five windows close at once; the alert rises and clears within it.
        var (monitor, evaluator) = CreateMinuteWindows(raiseAfter: 2, clearAfter: 2);
        foreach (bool drifted in new[] { true, true, false, false, false })
        {
            Log(monitor, 400, shift: drifted ? 2 : 0);
            _time.Advance(Minute);
        }

        var evaluation = evaluator.Evaluate(monitor);

        Assert.Equal([true, true, false, false, false], evaluation.DriftReports.Select(r => r.IsDrift));
        Assert.Equal([DriftAlertKind.Raised, DriftAlertKind.Cleared], evaluation.DriftAlerts.Select(a => a.Kind));
        Assert.Same(evaluation.DriftReports[1], evaluation.DriftAlerts[0].Report);
        Assert.Same(evaluation.DriftReports[3], evaluation.DriftAlerts[1].Report);
        Assert.False(monitor.State.Alert.Active);
    }

    [Fact]
    public void Evaluate_ReferenceFromFirstPredictions_InstalledOnThePassAfterTheNthPrediction()
    {
        var (monitor, evaluator) = Create(m => m.Numeric(TestModels.FeatureNames(4)).ReferenceFromFirstPredictions(500).Window(Minute));
        Log(monitor, 499);

        var pending = Assert.Single(evaluator.Evaluate(monitor).DriftReports);
        Assert.Equal(DriftReportStatus.NoReference, pending.Status);
        Assert.Equal(499, pending.Predictions);
        Assert.False(monitor.Layout.HasReference);

        Log(monitor, 1);
        evaluator.Evaluate(monitor);

        Assert.True(monitor.Layout.HasReference);
        Assert.Equal(500, monitor.Layout.Reference!.RowCount);
        Assert.Contains(_logger.Collector.GetSnapshot(), r => r.Id.Id == 102 && r.Message.Contains("FirstPredictions", StringComparison.Ordinal));

        // From now on windows are compared with it.
        Log(monitor, 300);
        _time.Advance(Minute);
        var closed = Assert.Single(evaluator.Evaluate(monitor).DriftReports);
        Assert.Equal(DriftReportStatus.Evaluated, closed.Status);
        Assert.Equal(300, closed.Predictions);
    }

    [Theory]
    [InlineData(true, true, 3)]
    [InlineData(false, true, 0)]
    [InlineData(true, false, 0)]
    public void Evaluate_KeepClosedWindows_KeepsOneClosedWindowPerClosedWindowOnlyWithProfiles(bool keepClosedWindows, bool keepProfiles, int expected)
    {
        var (monitor, evaluator) = CreateMinuteWindows(keepProfiles: keepProfiles, keepClosedWindows: keepClosedWindows);
        for (int k = 0; k < 3; k++)
        {
            Log(monitor, 100 + k);
            _time.Advance(Minute);
        }

        Log(monitor, 10); // the current window is never kept

        var reports = evaluator.Evaluate(monitor).DriftReports;

        var kept = monitor.State.ClosedWindows;
        Assert.Equal(expected, kept.Count);
        for (int k = 0; k < kept.Count; k++)
        {
            Assert.Equal((reports[k].FirstSubWindow, reports[k].LastSubWindow), (kept[k].FirstEpoch, kept[k].LastEpoch));
            Assert.Equal(100 + k, kept[k].Window.Events);
            Assert.Equal(_time.GetUtcNow(), kept[k].ClosedAt);
        }

        // A second pass keeps nothing more: the windows were kept once.
        evaluator.Evaluate(monitor);
        Assert.Equal(expected, monitor.State.ClosedWindows.Count);
    }

    [Fact]
    public void Evaluate_BinaryClassificationOutcomes_ProduceQualityReportsOfBothBases()
    {
        var (monitor, evaluator) = Create(m => m.Numeric(TestModels.FeatureNames(4)).Reference(Reference).Window(Minute).BinaryClassification());
        var row = new double[4];
        for (int i = 0; i < 100; i++)
        {
            // Even ids predict class 1 (score 0.9), odd ids class 0 (score 0.2); the label is 1 for
            // ids divisible by 4: every odd id and half the even ones are right, accuracy 75/100.
            string id = "p" + i;
            monitor.Log(row, [], i % 2 == 0 ? 0.9 : 0.2, id);
            monitor.RecordOutcome(id, i % 4 == 0 ? 1 : 0);
        }

        _time.Advance(Minute);
        var quality = evaluator.Evaluate(monitor).QualityReports;

        var arrival = Assert.Single(quality, r => r.Basis == QualityWindowBasis.OutcomeArrival);
        Assert.True(arrival.IsComplete);
        Assert.Equal(E0, arrival.LastSubWindow);
        Assert.Equal(100, arrival.Metrics.Outcomes);
        Assert.Equal(0.75, arrival.Metrics.Accuracy);

        var byPrediction = Assert.Single(quality, r => r.Basis == QualityWindowBasis.PredictionTime);
        Assert.Equal(E0, byPrediction.LastSubWindow);
        Assert.Equal(100, byPrediction.Predictions);
        Assert.Equal(100, byPrediction.Metrics.Outcomes);
        Assert.Equal(0.75, byPrediction.Metrics.Accuracy);

        Assert.Same(arrival, monitor.Quality!.LatestClosedArrival);
    }
}
