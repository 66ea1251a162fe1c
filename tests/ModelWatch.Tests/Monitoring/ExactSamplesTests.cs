using ModelWatch.Drift;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring;

/// <summary>
/// <see cref="DriftOptions.ExactSamplesUpTo"/>: windows that keep their raw values are tested exactly
/// (SciPy's D and p-value, Oracles/exact_comparison.json) against a reference that keeps its values;
/// otherwise results stay bounded. The logging path stays allocation-free and memory follows the formula.
/// </summary>
public sealed class ExactSamplesTests
{
    [Fact]
    public async Task Evaluate_WindowUnderTheLimit_ReportsScipysKsAndWasserstein()
    {
        var (c, report) = await EvaluateInflationPairAsync(exactSamples: 500);

        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Exact, ks.Exactness);
        Tolerance.Close(c.GetProperty("ks_statistic").GetDouble(), ks.Statistic, 1e-12, 0, "D");
        Tolerance.Close(c.GetProperty("ks_pvalue").GetDouble(), ks.PValue!.Value, 1e-14, 1e-8, "p");
        var wasserstein = Detector(report, "wasserstein");
        Assert.Equal(Exactness.Exact, wasserstein.Exactness);
        Tolerance.Close(c.GetProperty("wasserstein_normalized").GetDouble(), wasserstein.Statistic, 1e-12, 1e-12, "W1 normalized");
    }

    [Fact]
    public async Task Restore_SnapshotOfAWindowWithExactSamples_StaysExact()
    {
        var c = Oracle.Case("exact_comparison", "macro_unemp");
        double[] reference = Oracle.Doubles(c.GetProperty("reference"));
        double[] current = Oracle.Doubles(c.GetProperty("current"));
        byte[] bytes;
        var (services, watch, time) = Create(reference, exactSamples: 500);
        using (services)
        {
            foreach (double x in current)
            {
                watch.GetMonitor("m").Log([x], x);
            }

            using var stream = new MemoryStream();
            SnapshotFile.Write(MonitorSnapshots.Take(services.SingleMonitor(), time.GetUtcNow()), stream);
            bytes = stream.ToArray();
        }

        var (restoredServices, restored, _) = Create(reference, exactSamples: 500);
        using var _r = restoredServices;
        var monitor = restoredServices.SingleMonitor();
        var snapshot = await SnapshotFile.ReadAsync(new MemoryStream(bytes), "snapshot.json", CancellationToken.None);
        lock (monitor.CollectLock)
        {
            Assert.Null(MonitorSnapshots.Restore(monitor, snapshot, "snapshot.json"));
        }

        var report = (await restored.EvaluateAsync())[^1];

        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Exact, ks.Exactness);
        Tolerance.Close(c.GetProperty("ks_statistic").GetDouble(), ks.Statistic, 1e-12, 0, "D");
    }

    [Fact]
    public async Task Evaluate_WindowOverTheLimit_BoundedWithinItsBound()
    {
        var (c, report) = await EvaluateInflationPairAsync(exactSamples: 50);

        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Bounded, ks.Exactness);
        Assert.True(Math.Abs(ks.Statistic - c.GetProperty("ks_statistic").GetDouble()) <= ks.StatisticBound);
        var wasserstein = Detector(report, "wasserstein");
        Assert.Equal(Exactness.Bounded, wasserstein.Exactness);
        Assert.True(Math.Abs(wasserstein.Statistic - c.GetProperty("wasserstein_normalized").GetDouble()) <= wasserstein.StatisticBound);
    }

    [Fact]
    public async Task Evaluate_OptionOff_BoundedWithBinBound()
    {
        double[] reference = [.. Enumerable.Range(0, 200).Select(i => (double)i)];
        var (services, watch, _) = Create(reference, exactSamples: 0);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 100; i++)
        {
            monitor.Log([i + 50.5], 1);
        }

        var report = (await watch.EvaluateAsync())[^1];

        var ks = Detector(report, "ks");
        Assert.Equal(Exactness.Bounded, ks.Exactness);
        Assert.InRange(ks.StatisticBound!.Value, 0.005, 0.03);
        Assert.Equal(Exactness.Exact, Detector(report, "psi").Exactness);
    }

    [Fact]
    public async Task Evaluate_ReferenceWithoutValues_Bounded()
    {
        double[] reference = [.. Enumerable.Range(0, 200).Select(i => (double)i)];
        var (services, watch, _) = Create(reference, exactSamples: 500, keepReferenceValues: 0);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        for (int i = 0; i < 100; i++)
        {
            monitor.Log([i + 50.5], 1);
        }

        var report = (await watch.EvaluateAsync())[^1];

        Assert.Equal(Exactness.Bounded, Detector(report, "ks").Exactness);
    }

    [Fact]
    public void Log_WithExactSamplesAfterWarmUp_AllocatesNothing()
    {
        double[] reference = [.. Enumerable.Range(0, 200).Select(i => (double)i)];
        var (services, watch, _) = Create(reference, exactSamples: 1_000);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        double[] row = [3];
        for (int i = 0; i < 10_000; i++)
        {
            monitor.Log(row, 0.5);
        }

        // Under and over the limit: the window's columns overflow within this loop.
        long before = GC.GetAllocatedBytesForCurrentThread();
        for (int i = 0; i < 10_000; i++)
        {
            monitor.Log(row, 0.5);
        }

        Assert.Equal(0, GC.GetAllocatedBytesForCurrentThread() - before);
    }

    [Fact]
    public void Accumulator_KeepsAtMostLimitTimesColumnsTimesEightBytesMore()
    {
        var schema = new ModelSchema(TestModels.FeatureNames(5));
        var reference = TestModels.NormalReference(features: 5, rows: 1_000);
        const int limit = 2_000;
        var without = new MonitorLayout(schema, reference, 100);
        var with = new MonitorLayout(schema, reference, 100, exactSamples: limit);

        long a = GC.GetAllocatedBytesForCurrentThread();
        var plain = new WindowAccumulator(without);
        long b = GC.GetAllocatedBytesForCurrentThread();
        var exact = new WindowAccumulator(with);
        long c = GC.GetAllocatedBytesForCurrentThread();

        // n numeric columns (5 features + the prediction) × limit × 8 bytes, plus the array headers and counts.
        long formula = 6L * limit * sizeof(double);
        Assert.Equal(formula, exact.Samples!.Bytes);
        Assert.InRange((c - b) - (b - a), formula, formula + 256);
        GC.KeepAlive(plain);
    }

    [Fact]
    public void Validate_ExactSamplesOutOfRange_ClearMessage()
    {
        var options = new ModelOptions { Drift = { ExactSamplesUpTo = DriftOptions.MaxExactSamples + 1 } };
        options.Features.Add(new FeatureOptions { Name = "x", Kind = FeatureKind.Numeric });

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains(result.Failures!, f => f.Contains("Drift:ExactSamplesUpTo must be between 0 (off) and 1,000,000", StringComparison.Ordinal));
    }

    [Fact]
    public void Validate_ExactSamplesTimesColumnsOverOneArray_ClearMessage()
    {
        var options = new ModelOptions { Drift = { ExactSamplesUpTo = DriftOptions.MaxExactSamples } };
        foreach (string name in TestModels.FeatureNames(3_000))
        {
            options.Features.Add(new FeatureOptions { Name = name, Kind = FeatureKind.Numeric });
        }

        var result = new ModelOptionsValidator().Validate("m", options);

        Assert.Contains(result.Failures!, f => f.Contains("numeric columns is more values than one window can hold", StringComparison.Ordinal));
    }

    private static (Microsoft.Extensions.DependencyInjection.ServiceProvider Services, IModelWatch Watch, Microsoft.Extensions.Time.Testing.FakeTimeProvider Time) Create(
        double[] referenceValues, int exactSamples, int keepReferenceValues = 600)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(["x"])) { KeepValuesUpTo = keepReferenceValues };
        foreach (double x in referenceValues)
        {
            builder.Add([x], x);
        }

        var reference = builder.Build();
        return TestModels.Create(m => m.Numeric("x").Reference(reference).Window(TimeSpan.FromHours(1))
            .Configure(o => o.Drift.ExactSamplesUpTo = exactSamples));
    }

    private static DriftResult Detector(DriftReport report, string name) =>
        report.Features.Single(f => f.Name == "x").Detectors.Single(d => d.Detector == name);

    /// <summary>The 1984 inflation pair (Oracles/exact_comparison.json) through a monitor keeping up to <paramref name="exactSamples"/> values: the oracle case and the window's report.</summary>
    private static async Task<(System.Text.Json.JsonElement Case, DriftReport Report)> EvaluateInflationPairAsync(int exactSamples)
    {
        var c = Oracle.Case("exact_comparison", "macro_infl");
        var (services, watch, _) = Create(Oracle.Doubles(c.GetProperty("reference")), exactSamples);
        using var _s = services;
        var monitor = watch.GetMonitor("m");
        foreach (double x in Oracle.Doubles(c.GetProperty("current")))
        {
            monitor.Log([x], x);
        }

        return (c, (await watch.EvaluateAsync())[^1]);
    }
}
