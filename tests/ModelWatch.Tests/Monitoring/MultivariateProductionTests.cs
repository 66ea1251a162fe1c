using Microsoft.Extensions.Time.Testing;
using ModelWatch.Estimation;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// Multivariate drift fitted on a production reference: the components come from co-moments gathered with
/// the reference (no rows held) and equal the fit on its rows; the first windows after it set the
/// thresholds; a broken correlation is then drift; a restart at any point continues where it was.
/// </summary>
public sealed class MultivariateProductionTests
{
    private const int ReferenceRows = 4_000;
    private const int WindowRows = 1_000;
    private const int Calibration = 3;

    /// <summary>x1 follows x0; "band" follows x0's sign; x2 is independent. Without the correlation x1 keeps its marginal.</summary>
    private static (double[][] Numeric, string?[][] Categorical) Rows(int n, ulong seed, bool correlated)
    {
        var rng = new SplitMix64(seed);
        var numeric = new double[n][];
        var categorical = new string?[n][];
        for (int i = 0; i < n; i++)
        {
            double x0 = rng.NextNormal();
            double x1 = correlated ? x0 + (0.3 * rng.NextNormal()) : Math.Sqrt(1.09) * rng.NextNormal();
            numeric[i] = [x0, x1, rng.NextNormal()];
            categorical[i] = [x0 > 0 ? "up" : "down"];
        }

        return (numeric, categorical);
    }

    private static (Microsoft.Extensions.DependencyInjection.ServiceProvider Services, IModelWatch Watch, FakeTimeProvider Time) Create(Action<ModelBuilder>? more = null) =>
        TestModels.Create(m =>
        {
            m.Numeric("x0", "x1", "x2").Categorical("band").Window(TimeSpan.FromHours(1))
                .ReferenceFromFirstPredictions(ReferenceRows).DetectMultivariateDriftFromProduction(calibrationWindows: Calibration);
            m.Options.Alerts.Cooldown = TimeSpan.Zero;
            more?.Invoke(m);
        });

    private static void Log(IModelWatch watch, (double[][] Numeric, string?[][] Categorical) rows, int from = 0, int? to = null)
    {
        var monitor = watch.GetMonitor("m");
        for (int i = from; i < (to ?? rows.Numeric.Length); i++)
        {
            monitor.Log(rows.Numeric[i], rows.Categorical[i], 0.0);
        }
    }

    private static async Task Hour(IModelWatch watch, FakeTimeProvider time, (double[][] Numeric, string?[][] Categorical) rows)
    {
        Log(watch, rows);
        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
    }

    private static DriftReport Window(IModelWatch watch, int hour) =>
        watch.GetHistory("m").Single(r => r.WindowStart == TestModels.Start.AddHours(hour));

    [Fact]
    public async Task FittedOnTheGatheredReference_CalibratedOnTheNextWindows_ThenJudges()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        var reference = Rows(ReferenceRows, seed: 1, correlated: true);
        await Hour(watch, time, reference);
        var batch = ReconstructionDrift.Fit(reference.Numeric, reference.Categorical, new ReconstructionDriftOptions { Chunking = Chunking.BySize(WindowRows) });

        // Calibration: the error is reported, without thresholds or verdict.
        var calibration = new List<double>();
        for (int hour = 1; hour <= Calibration; hour++)
        {
            var rows = Rows(WindowRows, seed: 10 + (ulong)hour, correlated: true);
            await Hour(watch, time, rows);
            var m = Window(watch, hour).Multivariate!;
            Assert.True(m.IsCalibrating);
            Assert.False(m.IsDrift);
            Assert.Null(m.ReconstructionError.UpperThreshold);
            Assert.Equal(batch.ComponentCount, m.ComponentCount);

            // The streaming fit scores rows as the fit on the reference rows does.
            double expected = Assert.Single(batch.Evaluate(rows.Numeric, rows.Categorical)).ReconstructionError.Value;
            Assert.Equal(expected, m.ReconstructionError.Value, 1e-9 * expected);
            calibration.Add(m.ReconstructionError.Value);
        }

        var thresholds = ReferenceChunkThreshold.ReconstructionError.Compute(calibration);
        await Hour(watch, time, Rows(WindowRows, seed: 20, correlated: true));
        var steady = Window(watch, Calibration + 1).Multivariate!;
        Assert.False(steady.IsCalibrating);
        Assert.Equal(thresholds.Upper, steady.ReconstructionError.UpperThreshold);
        Assert.False(steady.IsDrift);

        await Hour(watch, time, Rows(WindowRows, seed: 21, correlated: false));
        await Hour(watch, time, Rows(WindowRows, seed: 22, correlated: false));
        Assert.True(Window(watch, Calibration + 2).Multivariate!.IsDrift);
        Assert.True(watch.IsAlertActive("m"));
    }

    [Fact]
    public async Task ARestartWhileGathering_AndWhileCalibrating_ContinuesWhereItWas()
    {
        var reference = Rows(ReferenceRows, seed: 1, correlated: true);
        var (services, watch, time) = Create();
        using var _s = services;

        // Half the reference, then a restart.
        Log(watch, reference, 0, ReferenceRows / 2);
        var gathering = MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow());
        var (services2, watch2, time2) = Create();
        using var _s2 = services2;
        Assert.Null(MonitorSnapshots.Restore(services2.SingleMonitor(), gathering, "test"));
        Log(watch2, reference, ReferenceRows / 2);
        time2.Advance(TimeSpan.FromHours(1));
        await watch2.EvaluateAsync();

        // One calibration window, then another restart.
        var first = Rows(WindowRows, seed: 11, correlated: true);
        await Hour(watch2, time2, first);
        var calibrating = MonitorSnapshots.Take(services2.SingleMonitor(), time2.GetUtcNow());
        Assert.NotNull(calibrating.MultivariateReference);
        Assert.Single(calibrating.MultivariateCalibration!);

        var (services3, watch3, time3) = Create();
        using var _s3 = services3;
        time3.Advance(TimeSpan.FromHours(2));
        Assert.Null(MonitorSnapshots.Restore(services3.SingleMonitor(), calibrating, "test"));
        var batch = ReconstructionDrift.Fit(reference.Numeric, reference.Categorical, new ReconstructionDriftOptions { Chunking = Chunking.BySize(WindowRows) });
        var errors = new List<double> { Assert.Single(batch.Evaluate(first.Numeric, first.Categorical)).ReconstructionError.Value };
        for (int hour = 2; hour <= Calibration + 1; hour++)
        {
            var rows = Rows(WindowRows, seed: 10 + (ulong)hour, correlated: true);
            await Hour(watch3, time3, rows);
            errors.Add(Assert.Single(batch.Evaluate(rows.Numeric, rows.Categorical)).ReconstructionError.Value);
        }

        // Two more calibration windows completed the three; the fourth is judged against their thresholds.
        Assert.True(Window(watch3, Calibration).Multivariate!.IsCalibrating);
        var judged = Window(watch3, Calibration + 1).Multivariate!;
        Assert.False(judged.IsCalibrating);
        var expected = ReferenceChunkThreshold.ReconstructionError.Compute(errors.Take(Calibration).ToList());
        Assert.Equal(expected.Upper!.Value, judged.ReconstructionError.UpperThreshold!.Value, 1e-9);
        Assert.Equal(errors[^1], judged.ReconstructionError.Value, 1e-9 * errors[^1]);
    }

    [Fact]
    public async Task TooManyCategories_LeaveMultivariateDriftOff_AndEverythingElseRunning()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < ReferenceRows; i++)
        {
            monitor.Log([i % 10, i % 7, i % 3], ["c" + (i % 100)], 0.0);
        }

        time.Advance(TimeSpan.FromHours(1));
        await watch.EvaluateAsync();
        await Hour(watch, time, Rows(WindowRows, seed: 5, correlated: true));

        var report = Window(watch, 1);
        Assert.Equal(DriftReportStatus.Evaluated, report.Status);
        Assert.Null(report.Multivariate);
    }

    [Fact]
    public void Validation_AFitOnProductionNeedsAProductionReference()
    {
        var options = new ModelOptions();
        options.Features.Add(new FeatureOptions { Name = "x0" });
        options.Drift.MultivariateProduction = new MultivariateProductionFit(1, 1.5);

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains("DetectMultivariateDriftFromProduction fits on a production reference", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("needs 2 to 1,000 calibration windows (got 1)", result.FailureMessage, StringComparison.Ordinal);
        Assert.Contains("variance to keep must be in (0, 1) (got 1.5)", result.FailureMessage, StringComparison.Ordinal);
    }

    [Fact]
    public void LoggingPath_WhileTheReferenceIsGathered_AllocatesNothing()
    {
        var (services, watch, time) = Create();
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [0.1, 0.2, -0.3];
        string?[] band = ["up"];

        // Gathering: the categories are known after the first row, so the co-moments allocate no more.
        monitor.Log(row, band, 0.0);
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 1_000; i++)
            {
                monitor.Log(row, band, 0.0);
            }
        }));
    }
}
