using System.Text.Json;
using Microsoft.Extensions.Diagnostics.Metrics.Testing;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Time.Testing;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Multivariate drift (PCA reconstruction error) in the runtime: per window the value and sampling error
/// equal <see cref="ReconstructionDrift.Evaluate"/> on the same rows, a broken correlation that no single
/// feature shows raises the drift alert, stationary data does not, infinite values are counted, the sums
/// survive a snapshot, and the logging path allocates nothing.
/// </summary>
// The ModelWatch meter is process-wide: its collector test runs with the other metric tests, alone.
[Collection(nameof(MetricsTests))]
public sealed class MultivariateDriftTests
{
    private const int WindowRows = 1_000;
    private static readonly string[] Colours = ["red", "green", "blue"];
    private static readonly ReconstructionDriftOptions Options = new() { Chunking = Chunking.BySize(WindowRows) };
    private static readonly Rows Reference = Generate(10 * WindowRows, seed: 1, correlated: true);
    private static readonly ReconstructionDrift Detector = ReconstructionDrift.Fit(Reference.Numeric, Reference.Categorical, Options);
    private static readonly ReferenceProfile Profile = BuildProfile(Reference);

    private sealed record Rows(double[][] Numeric, string?[][] Categorical);

    /// <summary>
    /// x1 follows x0 and x3 follows x2 (correlation about 0.95 and 0.8); "colour" depends on x0's sign.
    /// Without the correlation, x1 and x3 keep their marginal distributions: only their relation changes.
    /// </summary>
    private static Rows Generate(int n, ulong seed, bool correlated)
    {
        var rng = new SplitMix64(seed);
        var numeric = new double[n][];
        var categorical = new string?[n][];
        for (int i = 0; i < n; i++)
        {
            double x0 = rng.NextNormal();
            double x2 = rng.NextNormal();
            double x1 = correlated ? x0 + (0.3 * rng.NextNormal()) : Math.Sqrt(1.09) * rng.NextNormal();
            double x3 = correlated ? (0.8 * x2) + (0.6 * rng.NextNormal()) : rng.NextNormal();
            numeric[i] = [x0, x1, x2, x3];
            categorical[i] = [x0 > 0 ? Colours[(int)(rng.NextUniform() * 2)] : Colours[2]];
        }

        return new Rows(numeric, categorical);
    }

    private static ReferenceProfile BuildProfile(Rows rows)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["x0", "x1", "x2", "x3"], ["colour"]));
        for (int i = 0; i < rows.Numeric.Length; i++)
        {
            builder.Add(rows.Numeric[i], rows.Categorical[i], 0.0);
        }

        return builder.Build();
    }

    private static (Microsoft.Extensions.DependencyInjection.ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time) Create(Action<ModelBuilder>? more = null) =>
        TestModels.Create(m =>
        {
            m.Numeric("x0", "x1", "x2", "x3").Categorical("colour").Window(TimeSpan.FromHours(1)).Reference(Profile).DetectMultivariateDrift(Detector);
            m.Options.Alerts.Cooldown = TimeSpan.Zero;
            more?.Invoke(m);
        });

    private static async Task Hour(IModelWatch watch, FakeTimeProvider time, Rows rows)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < rows.Numeric.Length; i++)
        {
            monitor.Log(rows.Numeric[i], rows.Categorical[i], 0.0);
        }

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
    }

    private static DriftReport Window(IModelWatch watch, int hour) =>
        watch.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.AddHours(hour));

    [Fact]
    public async Task EveryWindow_EqualsTheBatchDetectorOnTheSameRows()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        for (int hour = 0; hour < 3; hour++)
        {
            var rows = Generate(WindowRows, seed: 10 + (ulong)hour, correlated: hour != 2);

            // A missing value of each kind is imputed as in the batch detector.
            rows.Numeric[5][1] = double.NaN;
            rows.Categorical[6][0] = null;
            rows.Categorical[7][0] = "purple";
            await Hour(watch, time, rows);

            var expected = Assert.Single(Detector.Evaluate(rows.Numeric, rows.Categorical)).ReconstructionError;
            var actual = Window(watch, hour).Multivariate!;
            Assert.Equal(WindowRows, actual.Rows);
            Assert.Equal(0, actual.SkippedRows);
            Assert.Equal(Detector.ComponentCount, actual.ComponentCount);
            var e = actual.ReconstructionError;
            Assert.Equal(expected.Value, e.Value, 1e-12 * expected.Value);
            Assert.Equal(expected.SamplingError!.Value, e.SamplingError!.Value, 1e-9 * expected.SamplingError.Value);
            Assert.Equal(expected.LowerConfidenceBound!.Value, e.LowerConfidenceBound!.Value, 1e-9);
            Assert.Equal(expected.UpperConfidenceBound!.Value, e.UpperConfidenceBound!.Value, 1e-9);
            Assert.Equal(expected.LowerThreshold, e.LowerThreshold);
            Assert.Equal(expected.UpperThreshold, e.UpperThreshold);
            Assert.Equal(expected.Alert, e.Alert);
        }
    }

    [Fact]
    public async Task ABrokenCorrelation_IsMultivariateDrift_AndRaisesTheAlert_WhereNoFeatureDrifts()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        await Hour(watch, time, Generate(WindowRows, seed: 20, correlated: true));
        Assert.False(Window(watch, 0).Multivariate!.IsDrift);

        await Hour(watch, time, Generate(WindowRows, seed: 21, correlated: false));
        await Hour(watch, time, Generate(WindowRows, seed: 22, correlated: false));
        foreach (int hour in new[] { 1, 2 })
        {
            var report = Window(watch, hour);
            Assert.True(report.Multivariate!.IsDrift);
            Assert.True(report.Multivariate.ReconstructionError.Value > report.Multivariate.ReconstructionError.UpperThreshold);
            Assert.False(report.Dataset!.Value.IsDrift); // the marginals did not move
            Assert.True(report.IsDrift);
        }

        Assert.True(watch.IsAlertActive("m"));
    }

    [Fact]
    public async Task StationaryData_StaysWithinTheThresholds()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        for (int hour = 0; hour < 5; hour++)
        {
            await Hour(watch, time, Generate(WindowRows, seed: 30 + (ulong)hour, correlated: true));
            Assert.False(Window(watch, hour).Multivariate!.IsDrift);
        }

        Assert.False(watch.IsAlertActive("m"));
    }

    [Fact]
    public async Task AnInfiniteValue_IsCountedAndLeftOut_NeverThrown()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        var rows = Generate(WindowRows, seed: 40, correlated: true);
        rows.Numeric[3][2] = double.PositiveInfinity;
        rows.Numeric[4][0] = double.NegativeInfinity;
        await Hour(watch, time, rows);

        var scored = Enumerable.Range(0, WindowRows).Where(i => i is not (3 or 4)).ToArray();
        var expected = Assert.Single(Detector.Evaluate([.. scored.Select(i => rows.Numeric[i])], [.. scored.Select(i => rows.Categorical[i])])).ReconstructionError;
        var actual = Window(watch, 0).Multivariate!;
        Assert.Equal(WindowRows - 2, actual.Rows);
        Assert.Equal(2, actual.SkippedRows);
        Assert.Equal(expected.Value, actual.ReconstructionError.Value, 1e-12 * expected.Value);
        Assert.Equal(WindowRows, Window(watch, 0).Predictions);
    }

    [Fact]
    public async Task SnapshotAndRestore_KeepTheWindowSums()
    {
        var rows = Generate(WindowRows, seed: 50, correlated: true);
        var (services, watch, time) = Create();
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < WindowRows / 2; i++)
        {
            monitor.Log(rows.Numeric[i], rows.Categorical[i], 0.0);
        }

        var snapshot = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());
        Assert.NotNull(snapshot.MultivariateFingerprint);

        // The same detector refitted from the same rows has the same fingerprint: the sums continue.
        var (services2, watch2, time2) = TestModels.Create(m => m.Numeric("x0", "x1", "x2", "x3").Categorical("colour").Window(TimeSpan.FromHours(1)).Reference(Profile)
            .DetectMultivariateDrift(Reference.Numeric, Reference.Categorical, Options));
        using var _s2 = services2;
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), snapshot, "test"));
        var monitor2 = watch2.GetMonitor("m");
        for (int i = WindowRows / 2; i < WindowRows; i++)
        {
            monitor2.Log(rows.Numeric[i], rows.Categorical[i], 0.0);
        }

        time2.Advance(TimeSpan.FromHours(1));
        await watch2.EvaluateAsync();

        var expected = Assert.Single(Detector.Evaluate(rows.Numeric, rows.Categorical)).ReconstructionError;
        var restored = Window(watch2, 0).Multivariate!;
        Assert.Equal(WindowRows, restored.Rows);
        Assert.Equal(expected.Value, restored.ReconstructionError.Value, 1e-12 * expected.Value);
        Assert.Equal(expected.SamplingError!.Value, restored.ReconstructionError.SamplingError!.Value, 1e-9 * expected.SamplingError.Value);
    }

    [Fact]
    public async Task SumsOfAnotherDetector_AreNotRestored()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        var rows = Generate(100, seed: 60, correlated: true);
        for (int i = 0; i < rows.Numeric.Length; i++)
        {
            watch.GetMonitor("m").Log(rows.Numeric[i], rows.Categorical[i], 0.0);
        }

        var snapshot = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());
        var other = ReconstructionDrift.Fit(Reference.Numeric, Reference.Categorical, new ReconstructionDriftOptions { VarianceToKeep = 0.9, Chunking = Options.Chunking });
        var (services2, watch2, time2) = TestModels.Create(m => m.Numeric("x0", "x1", "x2", "x3").Categorical("colour").Window(TimeSpan.FromHours(1)).Reference(Profile).DetectMultivariateDrift(other));
        using var _s2 = services2;
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), snapshot, "test"));
        time2.Advance(TimeSpan.FromHours(1));
        await watch2.EvaluateAsync();

        var report = Window(watch2, 0);
        Assert.Equal(100, report.Predictions); // the window continues
        Assert.Null(report.Multivariate);      // its reconstruction sums, made with another fit, restart
    }

    [Fact]
    public async Task JsonAndGauge_CarryTheWindowsError()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        using var collector = new MetricCollector<double>(null, ModelWatchMeter.Name, ModelWatchInstruments.MultivariateDrift);
        await Hour(watch, time, Generate(WindowRows, seed: 70, correlated: true));

        var report = watch.GetLatestReport("m")!;
        var json = JsonDocument.Parse(JsonSerializer.Serialize(report)).RootElement.GetProperty("multivariate");
        Assert.Equal(
            ["reconstructionError", "samplingError", "lowerConfidenceBound", "upperConfidenceBound", "lowerThreshold", "upperThreshold", "isDrift", "isCalibrating", "rows", "skippedRows", "componentCount"],
            json.EnumerateObject().Select(p => p.Name));
        Assert.Equal(report.Multivariate!.ReconstructionError.Value, json.GetProperty("reconstructionError").GetDouble());
        Assert.Equal(WindowRows, json.GetProperty("rows").GetInt64());

        collector.RecordObservableInstruments();
        var point = Assert.Single(collector.GetMeasurementSnapshot());
        Assert.Equal(report.Multivariate.ReconstructionError.Value, point.Value);
    }

    [Fact]
    public void Validation_ADetectorOfOtherColumns_FailsAtConfiguration()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x0" });
        options.Features.Add(new FeatureOptions { Name = "x1" });
        options.Reference.Source = ReferenceSource.FirstPredictions;
        options.Drift.Multivariate = Detector;

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains("DetectMultivariateDrift was fitted on 4 numeric and 1 categorical columns, but the model has 2 numeric and 0 categorical features", result.FailureMessage, StringComparison.Ordinal);
        var (services, watch, _) = TestModels.Create(m => m.Numeric("x0", "x1").Reference(Profile).DetectMultivariateDrift(Detector));
        using var _s = services;
        var failure = Assert.Throws<OptionsValidationException>(() => watch.GetMonitor("m"));
        Assert.Contains("DetectMultivariateDrift", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void LoggingPath_WithMultivariateDrift_AllocatesNothing()
    {
        var (services, watch, _) = Create();
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [0.1, 0.2, -0.3, 0.4];
        string?[] colour = ["green"];

        long allocated = Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, colour, 0.0);
            }
        });

        Assert.Equal(0, allocated);
    }
}
