using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

public sealed class ModelMonitorTests
{
    private static readonly ReferenceProfile Reference = TestModels.NormalReference(features: 10);

    private static (IModelWatch Watch, IModelMonitor Monitor, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time, ServiceProvider Services) Create(Action<ModelBuilder>? more = null)
    {
        var (services, watch, time) = TestModels.Create(m =>
        {
            m.Numeric(TestModels.FeatureNames(10)).Reference(Reference).Window(TimeSpan.FromMinutes(1));
            more?.Invoke(m);
        });
        return (watch, watch.GetMonitor("m"), time, services);
    }

    [Fact]
    public async Task Log_PredictionEntry_RecordsWhatTheOverloadsRecord()
    {
        double[][] rows = [[1, 2, 3, 4, 5, 6, 7, 8, 9, 10], [0.5, -1, 2, 0, 1, 1, 1, 1, 1, double.NaN], [3, 3, 3, 3, 3, 3, 3, 3, 3, 3]];
        var (overloadWatch, overloads, _, overloadServices) = Create();
        var (entryWatch, entries, _, entryServices) = Create();
        using var _a = overloadServices;
        using var _b = entryServices;
        foreach (var row in rows)
        {
            overloads.Log(row, row[0] * 0.1);
            entries.Log(new PredictionEntry { Features = row, Value = row[0] * 0.1 });
        }

        var expected = (await overloadWatch.EvaluateAsync())[^1];
        var actual = (await entryWatch.EvaluateAsync())[^1];
        Assert.Equal(expected.Predictions, actual.Predictions);
        Assert.Equal(
            expected.Features.Select(f => (f.Name, f.Count, f.MissingCount, f.Mean, f.Min, f.Max, f.Verdict?.Statistic, string.Join(",", f.CurrentCounts))),
            actual.Features.Select(f => (f.Name, f.Count, f.MissingCount, f.Mean, f.Min, f.Max, f.Verdict?.Statistic, string.Join(",", f.CurrentCounts))));
    }

    [Fact]
    public void LogPredictionEntry_AfterWarmUp_AllocatesNothing()
    {
        var (_, monitor, _, services) = Create();
        using var _s = services;
        double[] row = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(new PredictionEntry { Features = row, Value = 0.5 });
            }
        }));
    }

    [Fact]
    public void Log_AfterWarmUp_AllocatesNothing()
    {
        var (_, monitor, _, services) = Create();
        using var _s = services;
        double[] row = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, 0.5);
            }
        }));
    }

    [Fact]
    public void Log_WithCategoriesAfterWarmUp_AllocatesNothing()
    {
        var reference = TestModels.NormalReference(features: 3, categories: ["a", "b", "c"]);
        var (services, watch, _) = TestModels.Create(m => m.Numeric("f0", "f1", "f2").Categorical("c0").Reference(reference));
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [1, 2, 3];
        string?[] cats = ["b"];
        string?[] unseen = ["zzz"];
        Assert.Equal(0, Allocations.SteadyState(_ =>
        {
            for (int i = 0; i < 10_000; i++)
            {
                monitor.Log(row, (i & 1) == 0 ? cats : unseen, 0.1);
            }
        }));
    }

    [Fact]
    public async Task Log_BadInput_IsCountedNeverThrown()
    {
        var (watch, monitor, time, services) = Create();
        using var _s = services;
        monitor.Log([1, 2, 3], 0.5);                                   // wrong length
        monitor.Log([double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5);     // missing
        monitor.Log([double.PositiveInfinity, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5); // non-finite
        monitor.Log([1e300, 0, 0, 0, 0, 0, 0, 0, 0, 0], double.NaN);   // out of range; prediction missing
        monitor.Log([], 0.5);                                          // empty

        var report = (await watch.EvaluateAsync()).Single(r => !r.IsComplete);
        Assert.Equal(3, report.Predictions);
        Assert.Equal(2, report.SchemaViolations);
        var f0 = report.Features.Single(f => f.Name == "f0");
        Assert.Equal(1, f0.MissingCount);
        Assert.Equal(1, f0.NonFiniteCount);
        Assert.Equal(1, f0.OutOfRangeCount);
        Assert.Equal(1, f0.Count);
        Assert.Equal(1, report.Features.Single(f => f.IsPrediction).MissingCount);
    }

    [Fact]
    public void Log_StrictMode_ThrowsOnBadInput()
    {
        var (_, monitor, _, services) = Create(m => m.Configure(o => o.Strict = true));
        using var _s = services;
        Assert.Throws<ArgumentException>(() => monitor.Log([1, 2, 3], 0.5));
        Assert.Throws<ArgumentException>(() => monitor.Log([double.NaN, 0, 0, 0, 0, 0, 0, 0, 0, 0], 0.5));
    }

    [Fact]
    public async Task Evaluate_WindowsRotateWithTheClock_ClosedWindowReportedOnce()
    {
        var (watch, monitor, time, services) = Create();
        using var _s = services;
        var rng = new SplitMix64(9);
        var row = new double[10];
        for (int i = 0; i < 500; i++)
        {
            Fill(row, rng, 0);
            monitor.Log(row, rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        for (int i = 0; i < 300; i++)
        {
            Fill(row, rng, 0);
            monitor.Log(row, rng.NextNormal());
        }

        var reports = await watch.EvaluateAsync();
        var closed = Assert.Single(reports, r => r.IsComplete);
        Assert.Equal(500, closed.Predictions);
        Assert.Equal(TestModels.Start, closed.WindowStart);
        Assert.Equal(TestModels.Start.AddMinutes(1), closed.WindowEnd);
        Assert.Equal(300, reports.Single(r => !r.IsComplete).Predictions);

        // The same closed window is not reported again.
        Assert.DoesNotContain(await watch.EvaluateAsync(), r => r.IsComplete);
        Assert.Single(watch.GetHistory("m"));
    }

    [Fact]
    public async Task Log_WithTimestamps_ReplayLandsInTheRightWindows()
    {
        var (watch, monitor, _, services) = Create();
        using var _s = services;
        var row = new double[10];
        var past = new DateTimeOffset(2012, 1, 1, 0, 0, 0, TimeSpan.Zero);
        for (int minute = 0; minute < 5; minute++)
        {
            for (int i = 0; i <= minute; i++)
            {
                monitor.Log(row, [], 0.1, past.AddMinutes(minute).AddSeconds(i));
            }
        }

        var closed = (await watch.EvaluateAsync()).Where(r => r.IsComplete).ToList();
        Assert.Equal([1L, 2, 3, 4], closed.Select(r => r.Predictions));
        Assert.Equal(past, closed[0].WindowStart);
        Assert.Equal(5, watch.GetLatestReport("m")!.Predictions);
    }

    [Fact]
    public async Task Log_CountWindows_CloseEverySizePredictions()
    {
        var (watch, monitor, _, services) = Create(m => m.WindowByCount(1_000));
        using var _s = services;
        var row = new double[10];
        for (int i = 0; i < 3_500; i++)
        {
            monitor.Log(row, 0.1);
        }

        var closed = (await watch.EvaluateAsync()).Where(r => r.IsComplete).ToList();
        Assert.Equal(3, closed.Count);
        Assert.All(closed, r => Assert.Equal(1_000, r.Predictions));
    }

    [Fact]
    public async Task Evaluate_SlidingWindow_MergesItsSubWindows()
    {
        var (watch, monitor, time, services) = Create(m => m.Window(TimeSpan.FromMinutes(3), TimeSpan.FromMinutes(1)));
        using var _s = services;
        var row = new double[10];
        for (int minute = 0; minute < 4; minute++)
        {
            for (int i = 0; i < 10 * (minute + 1); i++)
            {
                monitor.Log(row, 0.1);
            }

            time.Advance(TimeSpan.FromMinutes(1));
        }

        var closed = (await watch.EvaluateAsync()).Where(r => r.IsComplete).ToList();

        // Windows ending at minutes 0..3: 10, 10+20, 10+20+30, 20+30+40.
        Assert.Equal([10L, 30, 60, 90], closed.Select(r => r.Predictions));
        Assert.Equal(TestModels.Start.AddMinutes(1), closed[3].WindowStart);
    }

    [Fact]
    public async Task Evaluate_ShiftedWindow_DriftsAndPsiEqualsTheRawComputation()
    {
        var (watch, monitor, time, services) = Create();
        using var _s = services;
        var rng = new SplitMix64(21);
        var row = new double[10];
        var shifted = new List<double>();
        for (int i = 0; i < 20_000; i++)
        {
            Fill(row, rng, 0);
            row[3] += 1.0; // only f3 shifts
            shifted.Add(row[3]);
            monitor.Log(row, rng.NextNormal());
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var report = (await watch.EvaluateAsync()).Single(r => r.IsComplete);
        var f3 = report.Features.Single(f => f.Name == "f3");
        Assert.True(f3.IsDrift);
        Assert.All(report.Features.Where(f => f.Name != "f3"), f => Assert.False(f.IsDrift, f.Name));
        Assert.False(report.IsDrift); // 1 of 10 features is below the 0.5 share

        // PSI over the reference's decile bins equals the detector on the raw data, exactly.
        var psi = f3.Detectors.Single(d => d.Detector == "psi");
        var referenceF3 = Reference.Numeric[3];
        var expected = PsiReference.FromCounts(referenceF3.PsiEdges, f3.ReferenceCounts.AsSpan()).Evaluate(shifted.ToArray());
        Assert.Equal(expected.Value, psi.Statistic, 12);
        Assert.Equal(20_000, f3.Count);
        Tolerance.Close(1.0, f3.Mean, 0.05, 0, "mean of the shifted feature");
    }

    [Fact]
    public async Task Evaluate_KsFromBins_WithinTheStatedBoundOfRawKs()
    {
        var (watch, monitor, time, services) = Create();
        using var _s = services;
        var rng = new SplitMix64(5);
        var row = new double[10];
        var raw = new List<double>();
        for (int i = 0; i < 3_000; i++)
        {
            Fill(row, rng, 0.1);
            raw.Add(row[0]);
            monitor.Log(row, 0.0);
        }

        time.Advance(TimeSpan.FromMinutes(1));
        var f0 = (await watch.EvaluateAsync()).Single(r => r.IsComplete).Features.Single(f => f.Name == "f0");
        var ks = f0.Detectors.Single(d => d.Detector == "ks");

        // Bound (docs/detectors-ks.md): D_bins ≤ D_raw ≤ D_bins + the largest bin share of either side.
        var exactReference = RebuildReferenceColumn(0);
        double dRaw = KolmogorovSmirnov.TwoSample(exactReference, raw.ToArray()).Statistic;
        Assert.InRange(dRaw, ks.Statistic - 1e-12, ks.Statistic + 0.02);
    }

    [Fact]
    public async Task Log_SamplingRate_KeepsAboutThatFraction()
    {
        var (watch, monitor, _, services) = Create(m => m.Configure(o => o.SamplingRate = 0.25));
        using var _s = services;
        var row = new double[10];
        for (int i = 0; i < 40_000; i++)
        {
            monitor.Log(row, 0.1);
        }

        long kept = (await watch.EvaluateAsync()).Single().Predictions;
        Assert.InRange(kept, 9_400, 10_600);
    }

    [Fact]
    public async Task Log_TypedInput_MapsThroughTheRegisteredDelegate()
    {
        var (watch, monitor, _, services) = Create(m => m.Map<(double A, double B)>((input, numeric, _) =>
        {
            numeric.Clear();
            numeric[0] = input.A;
            numeric[1] = input.B;
        }));
        using var _s = services;
        monitor.LogInput((A: 2.0, B: 3.0), 0.5);
        monitor.LogInput((A: 4.0, B: 5.0), 0.5);
        var report = (await watch.EvaluateAsync()).Single();
        Assert.Equal(3.0, report.Features.Single(f => f.Name == "f0").Mean);
        Assert.Throws<InvalidOperationException>(() => monitor.LogInput("no mapper for strings", 0.5));
    }

    [Fact]
    public async Task StartPrediction_TimesCallsAndCountsFailures()
    {
        var (watch, monitor, time, services) = Create();
        using var _s = services;
        var row = new double[10];
        using (var ok = monitor.StartPrediction())
        {
            time.Advance(TimeSpan.FromMilliseconds(30));
            ok.Complete(row, 0.2);
        }

        using (monitor.StartPrediction())
        {
            time.Advance(TimeSpan.FromMilliseconds(10));
            // inference "throws": the scope is disposed without Complete
        }

        var report = (await watch.EvaluateAsync()).Single(r => !r.IsComplete);
        Assert.Equal(1, report.Predictions);
        Assert.Equal(1, report.FailedPredictions);
        Assert.Equal(0.03, report.MaxLatencySeconds, 9);
        Assert.Equal(0.02, report.MeanLatencySeconds, 9);
    }

    private static void Fill(double[] row, SplitMix64 rng, double shift)
    {
        for (int f = 0; f < row.Length; f++)
        {
            row[f] = rng.NextNormal() + shift;
        }
    }

    private static void Fill(double[] row, SplitMix64 rng, int shift) => Fill(row, rng, (double)shift);

    /// <summary>The raw reference values of column <paramref name="column"/> (same seed as TestModels.NormalReference).</summary>
    private static double[] RebuildReferenceColumn(int column)
    {
        var rng = new SplitMix64(1);
        var values = new double[20_000];
        for (int r = 0; r < values.Length; r++)
        {
            for (int f = 0; f < 10; f++)
            {
                double v = rng.NextNormal();
                if (f == column)
                {
                    values[r] = v;
                }
            }

            rng.NextNormal(); // the prediction
        }

        return values;
    }
}
