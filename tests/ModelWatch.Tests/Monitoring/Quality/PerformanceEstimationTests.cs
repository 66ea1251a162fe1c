using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Quality;

/// <summary>
/// CBPE in the runtime: per prediction-time window the estimates equal <see cref="Cbpe.Estimate(double[], int[])"/>
/// on the same rows (ROC AUC within its stated binning bound), estimated-quality alerts with the quality
/// alerts' hysteresis, snapshot and restore of the sums, and an allocation-free logging path.
/// </summary>
// The ModelWatch meter is process-wide: its collector test runs with the other metric tests, alone.
[Collection(nameof(MetricsTests))]
public sealed class PerformanceEstimationTests
{
    private const int WindowRows = 1_000;
    private static readonly ReferenceProfile Inputs = TestModels.NormalReference(features: 2, rows: 5_000);
    private static readonly ReferenceProfile ClassInputs = ClassReference();
    private static readonly CbpeOptions Options = new() { Calibration = CbpeCalibration.Always, Chunking = Chunking.BySize(WindowRows) };

    /// <summary>
    /// A miscalibrated binary model: the true probability of class 1 is <c>q</c>, the model scores
    /// <c>q²</c> (too low), so calibration on the reference matters. <paramref name="shift"/> moves q
    /// towards 1 (covariate shift: more confident rows).
    /// </summary>
    private static (double[] Scores, int[] Predictions, int[] Labels) BinaryRows(int n, ulong seed, double shift = 0)
    {
        var rng = new SplitMix64(seed);
        var scores = new double[n];
        var predictions = new int[n];
        var labels = new int[n];
        for (int i = 0; i < n; i++)
        {
            double q = Math.Pow(rng.NextUniform(), 1 - shift);
            scores[i] = q * q;
            predictions[i] = scores[i] >= 0.5 ? 1 : 0;
            labels[i] = rng.NextUniform() < q ? 1 : 0;
        }

        return (scores, predictions, labels);
    }

    private static CbpeReference BinaryReference()
    {
        var (scores, predictions, labels) = BinaryRows(10 * WindowRows, seed: 1);
        return CbpeReference.Binary(scores, predictions, labels);
    }

    private static ReferenceProfile ClassReference()
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["f0", "f1"], prediction: PredictionKind.Categorical));
        var rng = new SplitMix64(2);
        for (int i = 0; i < 3_000; i++)
        {
            builder.Add([rng.NextNormal(), rng.NextNormal()], i % 3);
        }

        return builder.Build();
    }

    private static (ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time, QualityAlertTests.QualityRecorder Handler) Create(Action<ModelBuilder> model)
    {
        var handler = new QualityAlertTests.QualityRecorder();
        var (services, watch, time) = TestModels.Create(
            m =>
            {
                m.Numeric("f0", "f1").Window(TimeSpan.FromHours(1));
                m.Options.Alerts.Cooldown = TimeSpan.Zero;
                m.Options.Drift.PValueThreshold = 1e-12; // these tests are about estimates: no input-drift alerts
                model(m);
                m.Reference(m.Options.Quality.Task == ModelTask.MulticlassClassification ? ClassInputs : Inputs);
            },
            more: b =>
            {
                b.Services.AddSingleton(handler);
                b.Services.AddSingleton<IDriftAlertHandler>(handler);
            });
        return (services, watch, time, handler);
    }

    /// <summary>Logs one hour of binary predictions, then closes the hour and evaluates.</summary>
    private static async Task Hour(IModelWatch watch, FakeTimeProvider time, double[] scores)
    {
        var monitor = watch.GetMonitor("m");
        var rng = new SplitMix64((ulong)scores.Length + 7);
        foreach (double score in scores)
        {
            monitor.Log([rng.NextNormal(), rng.NextNormal()], [], score);
        }

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
    }

    private static QualityReport Window(IModelWatch watch, int hour) =>
        watch.GetQualityHistory("m", QualityWindowBasis.PredictionTime).Single(r => r.WindowStart == TestModels.Start.AddHours(hour));

    [Fact]
    public async Task Binary_EstimatesPerWindow_EqualCbpeEstimateOnTheSameRows()
    {
        var reference = BinaryReference();
        var (services, watch, time, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;
        var batch = Cbpe.Fit(reference, Options);
        double[] shifts = [0, 0, 0.6];
        for (int hour = 0; hour < shifts.Length; hour++)
        {
            var (scores, predictions, _) = BinaryRows(WindowRows, seed: 100 + (ulong)hour, shifts[hour]);
            await Hour(watch, time, scores);
            var expected = Assert.Single(batch.Estimate(scores, predictions)).Metrics;

            var estimated = Window(watch, hour).Estimated!;
            Assert.True(estimated.FromReference);
            Assert.Equal(WindowRows, estimated.Rows);
            Assert.Equal([CbpeMetric.Accuracy, CbpeMetric.Precision, CbpeMetric.Recall, CbpeMetric.Specificity, CbpeMetric.F1, CbpeMetric.RocAuc, CbpeMetric.AveragePrecision], estimated.Metrics.Select(m => m.Metric));
            foreach (var m in estimated.Metrics)
            {
                var e = expected[m.Metric];
                if (m.Metric == CbpeMetric.RocAuc)
                {
                    // Read from 200 score bins: within the stated bound of the row-by-row value (plus
                    // NannyML's 5-decimal rounding of its running sums), and the bound is small.
                    Assert.InRange(Math.Abs(m.Value - e.Value), 0, m.BinningErrorBound!.Value + 1e-6);
                    Assert.InRange(m.BinningErrorBound!.Value, 0, 0.005);
                }
                else if (m.Metric == CbpeMetric.AveragePrecision)
                {
                    // The same bins, each bin's precision read at its end: within the stated bound.
                    Assert.InRange(Math.Abs(m.Value - e.Value), 0, m.BinningErrorBound!.Value + 1e-6);
                    Assert.InRange(m.BinningErrorBound!.Value, 0, 0.025);
                    Assert.Null(m.SamplingError); // NannyML bootstraps it without a seed: none, as in batch
                    Assert.Equal(e.LowerThreshold, m.LowerThreshold);
                    continue;
                }
                else
                {
                    Assert.Equal(e.Value, m.Value, 1e-9);
                    Assert.Null(m.BinningErrorBound);
                }

                Assert.Equal(e.SamplingError!.Value, m.SamplingError!.Value, 1e-12);
                Assert.Equal(e.LowerThreshold, m.LowerThreshold);
                Assert.Equal(e.UpperThreshold, m.UpperThreshold);
                Assert.Equal(Math.Max(0, m.Value - (3 * m.SamplingError.Value)), m.LowerConfidenceBound!.Value, 1e-12);
            }
        }
    }

    [Fact]
    public async Task Multiclass_EstimatesPerWindow_EqualCbpeEstimateOnTheSameRows()
    {
        const int k = 3;
        static (double[][] P, int[] Predictions, int[] Labels) Rows(int n, ulong seed, double shift)
        {
            var rng = new SplitMix64(seed);
            var p = new double[n][];
            var predictions = new int[n];
            var labels = new int[n];
            for (int i = 0; i < n; i++)
            {
                // True class probabilities from a softmax; the model reports a flattened (tempered) version.
                double[] z = [rng.NextNormal() * 2 + shift, rng.NextNormal() * 2, rng.NextNormal() * 2 - shift];
                double[] truth = Softmax(z, 1);
                p[i] = Softmax(z, 0.5);
                predictions[i] = Array.IndexOf(p[i], p[i].Max());
                double u = rng.NextUniform();
                labels[i] = u < truth[0] ? 0 : u < truth[0] + truth[1] ? 1 : 2;
            }

            return (p, predictions, labels);
        }

        var (refP, refPredictions, refLabels) = Rows(10 * WindowRows, 3, 0);
        var reference = CbpeReference.Multiclass(refP, refPredictions, refLabels);
        var (services, watch, time, _) = Create(m => m.MulticlassClassification(k).EstimatePerformance(reference, Options));
        using var _s = services;
        var batch = Cbpe.Fit(reference, Options);
        var monitor = watch.GetMonitor("m");
        for (int hour = 0; hour < 2; hour++)
        {
            var (p, predictions, _) = Rows(WindowRows, 50 + (ulong)hour, hour * 1.5);
            for (int i = 0; i < p.Length; i++)
            {
                monitor.Log([0.1, 0.2], [], p[i], predictionId: null);
            }

            time.Advance(TimeSpan.FromHours(1));
            await watch.EvaluateAsync();
            var expected = Assert.Single(batch.Estimate(p, predictions)).Metrics;
            var estimated = Window(watch, hour).Estimated!;
            foreach (var m in estimated.Metrics)
            {
                var e = expected[m.Metric];
                double tolerance = m.Metric == CbpeMetric.RocAuc ? m.BinningErrorBound!.Value + 1e-6 : 1e-9;
                Assert.InRange(Math.Abs(m.Value - e.Value), 0, tolerance);
                Assert.Equal(e.SamplingError!.Value, m.SamplingError!.Value, 1e-12);
                Assert.Equal(e.LowerThreshold, m.LowerThreshold);
            }
        }
    }

    private static double[] Softmax(double[] z, double temperature)
    {
        double[] e = [.. z.Select(v => Math.Exp(v * temperature))];
        double sum = e.Sum();
        return [.. e.Select(v => v / sum)];
    }

    [Fact]
    public async Task EstimatedDrop_RaisesAfterTwoWindows_AndClearsAfterTwo_WithoutAnyLabel()
    {
        var reference = BinaryReference();
        var (services, watch, time, handler) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;

        // Uncertain rows (scores near the decision threshold) make the estimated accuracy fall far
        // below the reference's lower threshold; ordinary rows bring it back.
        static double[] Uncertain(int n) => [.. Enumerable.Range(0, n).Select(i => 0.45 + (0.1 * i / n))];
        double[] normal = BinaryRows(WindowRows, seed: 9).Scores;

        await Hour(watch, time, Uncertain(WindowRows));
        Assert.True(Window(watch, 0).Estimated!.IsDegraded);
        Assert.False(watch.IsQualityAlertActive("m"));        // one bad window is not enough
        await Hour(watch, time, Uncertain(WindowRows));
        Assert.True(watch.IsQualityAlertActive("m"));
        await Hour(watch, time, normal);
        Assert.False(Window(watch, 2).Estimated!.IsDegraded);
        Assert.True(watch.IsQualityAlertActive("m"));         // one good window does not clear it
        await Hour(watch, time, normal);
        Assert.False(watch.IsQualityAlertActive("m"));

        var alerts = handler.Alerts.ToArray();
        Assert.Equal([DriftAlertKind.Raised, DriftAlertKind.Cleared], alerts.Select(a => a.Kind));
        Assert.All(alerts, a => Assert.True(a.IsEstimated));
        Assert.Equal(QualityWindowBasis.PredictionTime, alerts[0].Report.Basis);
        Assert.Contains(alerts[0].Reasons, r => r.StartsWith("estimated accuracy ", StringComparison.Ordinal) && r.Contains("below the reference threshold", StringComparison.Ordinal));
        Assert.Equal(0, alerts[0].Report.Metrics.Outcomes);   // raised before any label arrived
    }

    [Fact]
    public async Task Metrics_ExportEstimatedQualityOfTheNewestClosedWindow()
    {
        var reference = BinaryReference();
        var (services, watch, time, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;
        using var collector = new Microsoft.Extensions.Diagnostics.Metrics.Testing.MetricCollector<double>(null, ModelWatchMeter.Name, ModelWatchInstruments.ModelQuality);
        await Hour(watch, time, BinaryRows(WindowRows, seed: 21).Scores);

        collector.RecordObservableInstruments();
        var names = collector.GetMeasurementSnapshot()
            .Select(m => (string)m.Tags[ModelWatchInstruments.QualityMetricName]!)
            .ToHashSet();
        Assert.Subset(names, new HashSet<string> { "estimated_accuracy", "estimated_precision", "estimated_recall", "estimated_specificity", "estimated_f1", "estimated_roc_auc" });
        double expected = Window(watch, 0).Estimated!.Get(CbpeMetric.Accuracy)!.Value;
        Assert.Contains(collector.GetMeasurementSnapshot(), m => (string)m.Tags[ModelWatchInstruments.QualityMetricName]! == "estimated_accuracy" && m.Value == expected);
    }

    [Fact]
    public async Task Json_CarriesTheEstimate_WithBandsAndThresholds()
    {
        var reference = BinaryReference();
        var (services, watch, time, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;
        await Hour(watch, time, BinaryRows(WindowRows, seed: 22).Scores);

        using var json = JsonDocument.Parse(JsonSerializer.Serialize(Window(watch, 0)));
        var estimated = json.RootElement.GetProperty("estimated");
        Assert.Equal(["rows", "fromReference", "isDegraded", "metrics"], estimated.EnumerateObject().Select(p => p.Name));
        var f1 = estimated.GetProperty("metrics").EnumerateArray().Single(m => m.GetProperty("metric").GetString() == "f1");
        Assert.Equal(
            ["metric", "value", "samplingError", "lowerConfidenceBound", "upperConfidenceBound", "lowerThreshold", "upperThreshold", "alert", "isDrop", "binningErrorBound"],
            f1.EnumerateObject().Select(p => p.Name));
        Assert.Equal(Window(watch, 0).Estimated!.Get(CbpeMetric.F1)!.Value, f1.GetProperty("value").GetDouble());
        Assert.Equal(JsonValueKind.Null, f1.GetProperty("binningErrorBound").ValueKind);
    }

    [Fact]
    public async Task SnapshotAndRestore_KeepTheWindowSums_AndTheAlertState()
    {
        var reference = BinaryReference();
        var (scores, predictions, _) = BinaryRows(WindowRows, seed: 31);
        var (services, watch, time, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        foreach (double score in scores)
        {
            monitor.Log([0.0, 0.0], [], score);
        }

        await watch.EvaluateAsync(); // the open window's sums move to the quality tracker
        var snapshot = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());

        var (services2, watch2, time2, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s2 = services2;
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), snapshot, "test"));
        time2.Advance(TimeSpan.FromHours(1));
        await watch2.EvaluateAsync();

        var expected = Assert.Single(Cbpe.Fit(reference, Options).Estimate(scores, predictions)).Metrics;
        var restored = Window(watch2, 0).Estimated!;
        Assert.Equal(WindowRows, Window(watch2, 0).Predictions);
        Assert.Equal(WindowRows, restored.Rows);
        Assert.Equal(expected[CbpeMetric.F1].Value, restored.Get(CbpeMetric.F1)!.Value, 1e-9);
        Assert.NotNull(snapshot.Quality!.EstimateAlert);
    }

    [Fact]
    public void Validation_AReferenceOfTheWrongClasses_FailsAtConfiguration()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x" });
        options.Reference.Source = ReferenceSource.FirstPredictions;
        options.Quality.Task = ModelTask.MulticlassClassification;
        options.Quality.Classes = 3;
        options.Prediction = PredictionKind.Categorical;
        options.Quality.Estimator = Cbpe.Fit(BinaryReference(), Options);

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains("EstimatePerformance was fitted on a binary reference, but the model is a MulticlassClassification of 3 classes", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LoggingPath_WithCalibratedEstimation_AllocatesNothing()
    {
        var reference = BinaryReference();
        var (services, watch, _, _) = Create(m => m.BinaryClassification().EstimatePerformance(reference, Options));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [0.1, -0.2];

        long allocated = Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, [], (i % 100) / 100.0);
            }
        });

        Assert.Equal(0, allocated);
    }

    [Fact]
    public void LoggingPath_MulticlassEstimation_AllocatesNothing()
    {
        var rng = new SplitMix64(4);
        var p = new double[3000][];
        var labels = new int[3000];
        var predictions = new int[3000];
        for (int i = 0; i < p.Length; i++)
        {
            labels[i] = i % 3;
            p[i] = [0.2, 0.2, 0.2];
            p[i][labels[i]] += 0.4 * rng.NextUniform();
            predictions[i] = Array.IndexOf(p[i], p[i].Max());
        }

        var (services, watch, _, _) = Create(m => m.MulticlassClassification(3).EstimatePerformance(CbpeReference.Multiclass(p, predictions, labels), Options));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [0.1, -0.2];
        double[] probabilities = [0.5, 0.3, 0.2];

        long allocated = Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, [], probabilities, predictionId: null);
            }
        });

        Assert.Equal(0, allocated);
    }
}
