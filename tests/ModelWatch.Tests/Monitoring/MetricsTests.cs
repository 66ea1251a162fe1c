using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModelWatch.Tests.Monitoring;

// Runs alone: listeners and the OpenTelemetry SDK see every meter named ModelWatch in the
// process, including those of engines other tests create at the same time.
[Collection(nameof(MetricsTests))]
public sealed class MetricsTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 2, rows: 5_000);

    private static async Task<(ServiceProvider Services, IModelWatch Watch)> DriftedModel()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromMinutes(1)));
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64(2);
        for (int i = 0; i < 1_000; i++)
        {
            monitor.Log([rng.NextNormal() + 2, rng.NextNormal()], rng.NextNormal());
        }

        monitor.Log([double.NaN, double.PositiveInfinity], 0.1);
        monitor.Log([1.0], 0.1);
        monitor.Log([0.0, 0.0], [], 0.1, DateTimeOffset.MaxValue);
        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        return (services, watch);
    }

    private static KeyValuePair<string, object?>[] Tags(params (string Key, object? Value)[] tags) => [.. tags.Select(t => new KeyValuePair<string, object?>(t.Key, t.Value))];

    [Fact]
    public async Task ObservableInstruments_ReportCountsAndDriftFromTheLatestReport()
    {
        var (services, watch) = await DriftedModel();
        using var _ = services;
        using var predictions = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.Predictions);
        using var missing = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.FeatureMissing);
        using var invalid = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.InputInvalid);
        using var status = new MetricCollector<int>(null, ModelWatchMeter.Name, ModelWatchInstruments.FeatureDriftStatus);
        using var score = new MetricCollector<double>(null, ModelWatchMeter.Name, ModelWatchInstruments.FeatureDriftScore);

        predictions.RecordObservableInstruments();
        Assert.Equal(1_001, predictions.LastMeasurement!.Value);
        Assert.Equal("m", predictions.LastMeasurement.Tags[ModelWatchInstruments.ModelName]);

        missing.RecordObservableInstruments();
        Assert.Contains(missing.GetMeasurementSnapshot(), m => m.Value == 1 && (string?)m.Tags[ModelWatchInstruments.FeatureName] == "f0");

        invalid.RecordObservableInstruments();
        var snapshot = invalid.GetMeasurementSnapshot();
        Assert.Contains(snapshot, m => m.Value == 1 && (string?)m.Tags[ModelWatchInstruments.ErrorType] == "length_mismatch");
        Assert.Contains(snapshot, m => m.Value == 1 && (string?)m.Tags[ModelWatchInstruments.ErrorType] == "invalid_time");
        Assert.Contains(snapshot, m => m.Value == 1 && (string?)m.Tags[ModelWatchInstruments.ErrorType] == "infinity" && (string?)m.Tags[ModelWatchInstruments.FeatureName] == "f1");

        status.RecordObservableInstruments();
        var byFeature = status.GetMeasurementSnapshot().ToDictionary(m => (string)m.Tags[ModelWatchInstruments.FeatureName]!, m => m.Value);
        Assert.Equal(1, byFeature["f0"]);
        Assert.Equal(0, byFeature["f1"]);

        score.RecordObservableInstruments();
        Assert.Contains(score.GetMeasurementSnapshot(), m => (string?)m.Tags[ModelWatchInstruments.FeatureName] == "f0" && (string?)m.Tags[ModelWatchInstruments.DetectorName] == "psi" && m.Value > 0.25);
    }

    [Fact]
    public async Task Scrape_ReadsCountsWithoutChangingTheMonitor_AndNeverGoesDown()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10)));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        var inner = services.SingleMonitor();
        using var predictions = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.Predictions);
        long last = 0;
        for (int step = 0; step < 20; step++)
        {
            for (int i = 0; i < 50; i++)
            {
                monitor.Log([0.1 * i, -0.1 * i], 0.5);
            }

            // Windows rotate (sub-windows of 10 s) and, every fifth step, the evaluator folds them away.
            time.Advance(TimeSpan.FromSeconds(7));
            if (step % 5 == 4)
            {
                await watch.EvaluateAsync();
            }

            int epochsBefore = inner.Collected.Epochs.Count;
            predictions.RecordObservableInstruments();
            long now = predictions.LastMeasurement!.Value;
            Assert.Equal(50L * (step + 1), now);
            Assert.True(now >= last);
            last = now;

            // A scrape hands nothing over: what the evaluator has collected is as it was.
            Assert.Equal(epochsBefore, inner.Collected.Epochs.Count);
        }
    }

    [Fact]
    public async Task DriftAlerts_CounterIncrementsWhenAnAlertIsRaised()
    {
        using var alerts = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.DriftAlerts);
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).Window(TimeSpan.FromMinutes(1)).Configure(o => o.Alerts.RaiseAfterWindows = 1));
        using var _ = services;
        var rng = new SplitMix64(8);
        for (int i = 0; i < 500; i++)
        {
            watch.GetMonitor("m").Log([rng.NextNormal() + 3, rng.NextNormal() + 3], 0);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        await watch.EvaluateAsync();
        Assert.Equal(1, Assert.Single(alerts.GetMeasurementSnapshot()).Value);
    }

    [Fact]
    public void PredictionDuration_RecordedOnlyWhileSomeoneListens()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference));
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        using (var scope = monitor.StartPrediction())
        {
            time.Advance(TimeSpan.FromMilliseconds(5));
            scope.Complete([0.1, 0.2], 0.3);
        }

        using var duration = new MetricCollector<double>(null, ModelWatchMeter.Name, ModelWatchInstruments.PredictionDuration);
        using (var scope = monitor.StartPrediction())
        {
            time.Advance(TimeSpan.FromMilliseconds(7));
            scope.Complete([0.1, 0.2], 0.3);
        }

        var measurement = Assert.Single(duration.GetMeasurementSnapshot());
        Assert.Equal(0.007, measurement.Value, 9);
    }

    [Fact]
    public async Task QualityInstruments_ReportMetricsOutcomesAndPending()
    {
        var (services, watch, time) = TestModels.Create(m => m.Numeric("f0", "f1").Reference(Reference).BinaryClassification());
        using var _ = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 40; i++)
        {
            monitor.Log([0.1, 0.2], [], 0.8, "p" + i);
            if (i < 30)
            {
                monitor.RecordOutcome("p" + i, i % 3 == 0 ? 0 : 1); // 20 of 30 right
            }
        }

        monitor.RecordOutcome("p0", 1); // a duplicate
        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();

        using var quality = new MetricCollector<double>(null, ModelWatchMeter.Name, ModelWatchInstruments.ModelQuality);
        using var outcomes = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.Outcomes);
        using var pending = new MetricCollector<long>(null, ModelWatchMeter.Name, ModelWatchInstruments.OutcomesPending);
        quality.RecordObservableInstruments();
        outcomes.RecordObservableInstruments();
        pending.RecordObservableInstruments();

        var accuracy = Assert.Single(quality.GetMeasurementSnapshot(), m => (string?)m.Tags[ModelWatchInstruments.QualityMetricName] == "accuracy");
        Assert.Equal(20.0 / 30, accuracy.Value, 12);
        Assert.Equal("m", accuracy.Tags[ModelWatchInstruments.ModelName]);
        Assert.Contains(quality.GetMeasurementSnapshot(), m => (string?)m.Tags[ModelWatchInstruments.QualityMetricName] == "estimated_accuracy" && Math.Abs(m.Value - 0.8) < 1e-12);
        Assert.Contains(quality.GetMeasurementSnapshot(), m => (string?)m.Tags[ModelWatchInstruments.QualityMetricName] == "roc_auc");
        Assert.Contains(outcomes.GetMeasurementSnapshot(), m => m.Value == 30 && (string?)m.Tags[ModelWatchInstruments.OutcomeStatus] == "joined");
        Assert.Contains(outcomes.GetMeasurementSnapshot(), m => m.Value == 1 && (string?)m.Tags[ModelWatchInstruments.OutcomeStatus] == "duplicate");
        Assert.Equal(10, pending.LastMeasurement!.Value);
    }

    [Fact]
    public void QualityMetricNames_AreTheDocumentedAttributeValues()
    {
        // The values of modelwatch.quality.metric are a contract with dashboards (docs/quality.md).
        Assert.Equal(
            ["accuracy", "precision", "recall", "f1", "log_loss", "brier_score", "expected_calibration_error", "roc_auc",
             "mean_absolute_error", "root_mean_squared_error", "mean_absolute_percentage_error", "r_squared", "mean_error"],
            ModelWatchMetrics.QualityMetricNames.Select(n => n.Name));
        Assert.Equal(Enum.GetValues<QualityMetric>(), ModelWatchMetrics.QualityMetricNames.Select(n => n.Metric));
    }

    [Fact]
    public async Task OpenTelemetrySdk_CollectsTheMeterWithItsInMemoryExporter()
    {
        var (services, watch) = await DriftedModel();
        using var _ = services;
        var exported = new List<Metric>();
        using (var provider = Sdk.CreateMeterProviderBuilder().AddMeter(ModelWatchMeter.Name).AddInMemoryExporter(exported).Build())
        {
            provider.ForceFlush();
        }

        var names = exported.Select(m => m.Name).ToHashSet();
        Assert.Contains(ModelWatchInstruments.Predictions, names);
        Assert.Contains(ModelWatchInstruments.FeatureDriftStatus, names);
        var predictions = exported.First(m => m.Name == ModelWatchInstruments.Predictions);
        Assert.Equal("{prediction}", predictions.Unit);
        long total = 0;
        foreach (ref readonly var point in predictions.GetMetricPoints())
        {
            total += point.GetSumLong();
        }

        Assert.Equal(1_001, total);
    }
}

[CollectionDefinition(nameof(MetricsTests), DisableParallelization = true)]
public sealed class MetricsTestsRunAlone;
