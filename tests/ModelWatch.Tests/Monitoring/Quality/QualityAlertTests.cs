using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>Quality alerts: thresholds with hysteresis, drops against the reference period, concept drift, retraining.</summary>
public sealed class QualityAlertTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);

    internal sealed class QualityRecorder : IDriftAlertHandler
    {
        public ConcurrentQueue<QualityAlert> Alerts { get; } = new();

        public Task OnAlertAsync(DriftAlert alert, CancellationToken cancellationToken) => Task.CompletedTask;

        public Task OnQualityAlertAsync(QualityAlert alert, CancellationToken cancellationToken)
        {
            Alerts.Enqueue(alert);
            return Task.CompletedTask;
        }
    }

    private static (ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time, QualityRecorder Handler, AlertTests.RecordingTrigger Trigger) Create(Action<ModelBuilder> quality)
    {
        var handler = new QualityRecorder();
        var trigger = new AlertTests.RecordingTrigger();
        var (services, watch, time) = TestModels.Create(
            m =>
            {
                m.Numeric("f0", "f1").Reference(Reference).BinaryClassification();
                m.Options.Alerts.Cooldown = TimeSpan.Zero;
                m.Options.Drift.PValueThreshold = 1e-12; // these tests are about outcomes: no input-drift alerts
                quality(m);
            },
            more: b =>
            {
                b.Services.AddSingleton(handler);
                b.Services.AddSingleton<IDriftAlertHandler>(handler);
                b.Services.AddSingleton<IRetrainingTrigger>(trigger);
            });
        return (services, watch, time, handler, trigger);
    }

    /// <summary>One hour of 400 labeled predictions, each right with probability <paramref name="accuracy"/>; then the hour closes.</summary>
    private static async Task Hour(IModelWatch watch, FakeTimeProvider time, SplitMix64 rng, double accuracy)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 400; i++)
        {
            string id = Guid.NewGuid().ToString("N");
            monitor.Log([rng.NextNormal(), rng.NextNormal()], [], 0.9, id);
            monitor.RecordOutcome(id, rng.NextUniform() < accuracy ? 1 : 0);
        }

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
    }

    [Fact]
    public async Task AccuracyBelowMinimum_RaisesAfterTwoWindows_ClearsAfterTwo_AndTriggersRetraining()
    {
        var (services, watch, time, handler, trigger) = Create(m => m.QualityAtLeast(QualityMetric.Accuracy, 0.8).Configure(o => o.Quality.ConceptDrift = ConceptDriftDetector.None));
        using var _ = services;
        var rng = new SplitMix64(1);
        foreach (double accuracy in new[] { 0.95, 0.95, 0.6, 0.6, 0.6, 0.95, 0.95 })
        {
            await Hour(watch, time, rng, accuracy);
        }

        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(10));
        var alerts = handler.Alerts.ToArray();
        Assert.Equal(2, alerts.Length);
        Assert.Equal(DriftAlertKind.Raised, alerts[0].Kind);
        Assert.Equal(TestModels.Start.AddHours(3), alerts[0].Report.WindowStart); // the second bad hour
        Assert.Contains(alerts[0].Reasons, r => r.StartsWith("Accuracy", StringComparison.Ordinal));
        Assert.Equal(DriftAlertKind.Cleared, alerts[1].Kind);
        Assert.Equal(TestModels.Start.AddHours(6), alerts[1].Report.WindowStart);
        Assert.False(watch.IsQualityAlertActive("m"));

        var request = Assert.Single(trigger.Requests);
        Assert.StartsWith("model quality degraded", request.Reason, StringComparison.Ordinal);
        Assert.Same(alerts[0].Report, request.Quality);
        Assert.Equal(7, watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival).Count);
    }

    [Fact]
    public async Task DropAgainstTheReferencePeriod_IsMeasuredFromTheFirstWindows()
    {
        var (services, watch, time, handler, _) = Create(m => m.QualityDropAtMost(QualityMetric.Accuracy, 0.1).Configure(o => o.Quality.ConceptDrift = ConceptDriftDetector.None));
        using var __ = services;
        var rng = new SplitMix64(2);
        foreach (double accuracy in new[] { 0.9, 0.88, 0.7, 0.7 })
        {
            await Hour(watch, time, rng, accuracy);
        }

        var history = watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival);
        Assert.Empty(history[1].Breaches);
        var breach = Assert.Single(history[2].Breaches);
        Assert.Equal(QualityMetric.Accuracy, breach.Metric);
        Assert.Equal(history[0].Metrics.Accuracy, breach.Baseline);
        Assert.Equal(breach.Baseline!.Value - 0.1, breach.Limit, 12);
        Assert.Equal(DriftAlertKind.Raised, Assert.Single(handler.Alerts).Kind);
    }

    [Fact]
    public async Task GivenBaselineAndLossMaximum_BreakOnTheLowerIsBetterSide()
    {
        var (services, watch, time, _, _) = Create(m => m
            .QualityDropAtMost(QualityMetric.BrierScore, 0.05, baseline: 0.05)
            .QualityAtMost(QualityMetric.LogLoss, 0.5)
            .Configure(o => o.Quality.ConceptDrift = ConceptDriftDetector.None));
        using var __ = services;
        await Hour(watch, time, new SplitMix64(3), 0.7); // Brier ≈ .3·.81 + .7·.01 = .25; log loss ≈ .72

        var report = watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival).Single();
        Assert.Contains(report.Breaches, b => b.Metric == QualityMetric.BrierScore && b.Limit == 0.1 && b.Baseline == 0.05);
        Assert.Contains(report.Breaches, b => b.Metric == QualityMetric.LogLoss && b.Limit == 0.5 && b.Baseline is null);
    }

    [Fact]
    public async Task RisingErrorRate_IsConceptDrift_RaisesAQualityAlertAtOnce()
    {
        var (services, watch, time, handler, trigger) = Create(_ => { }); // ADWIN by default, no thresholds
        using var __ = services;
        var rng = new SplitMix64(4);
        for (int hour = 0; hour < 6; hour++)
        {
            await Hour(watch, time, rng, 0.9);
        }

        Assert.Empty(handler.Alerts);
        for (int hour = 0; hour < 3; hour++)
        {
            await Hour(watch, time, rng, 0.6);
        }

        var alert = Assert.Single(handler.Alerts);
        Assert.Equal(DriftAlertKind.Raised, alert.Kind);
        Assert.True(alert.Report.ConceptDrift);
        Assert.Contains("concept drift: the error rate rose", alert.Reasons);
        Assert.Equal(TestModels.Start.AddHours(6), alert.Report.WindowStart); // the first hour of the change
        await trigger.First.Task.WaitAsync(TimeSpan.FromSeconds(10));
        Assert.True(watch.IsQualityAlertActive("m"));

        // The detector adapts and goes quiet, but the error is still high: the alert stays up …
        for (int hour = 0; hour < 3; hour++)
        {
            await Hour(watch, time, rng, 0.6);
        }

        Assert.Single(handler.Alerts);

        // … until it is back near its level before the change.
        for (int hour = 0; hour < 3; hour++)
        {
            await Hour(watch, time, rng, 0.9);
        }

        Assert.Equal(DriftAlertKind.Cleared, handler.Alerts.Last().Kind);
        Assert.False(watch.IsQualityAlertActive("m"));
    }

    [Fact]
    public async Task FallingErrorRate_IsNotAQualityProblem()
    {
        var (services, watch, time, handler, _) = Create(_ => { });
        using var __ = services;
        var rng = new SplitMix64(5);
        foreach (double accuracy in new[] { 0.6, 0.6, 0.6, 0.95, 0.95, 0.95 })
        {
            await Hour(watch, time, rng, accuracy);
        }

        Assert.Empty(handler.Alerts);
        Assert.All(watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival), r => Assert.False(r.ConceptDrift));
    }

    [Fact]
    public async Task WindowsWithTooFewOutcomes_AreNotJudged()
    {
        var (services, watch, time, handler, _) = Create(m => m.QualityAtLeast(QualityMetric.Accuracy, 0.99).Configure(o => o.Quality.MinimumOutcomes = 1_000));
        using var __ = services;
        var rng = new SplitMix64(6);
        for (int hour = 0; hour < 4; hour++)
        {
            await Hour(watch, time, rng, 0.5);
        }

        Assert.Empty(handler.Alerts);
        Assert.All(watch.GetQualityHistory("m", QualityWindowBasis.OutcomeArrival), r => Assert.Empty(r.Breaches));
    }
}
