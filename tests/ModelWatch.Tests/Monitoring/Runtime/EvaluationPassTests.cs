using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// One evaluation pass over many models: models are evaluated in parallel (<see cref="ModelWatchOptions.EvaluationParallelism"/>)
/// with the same reports as one at a time, and idle models are not evaluated again.
/// </summary>
public sealed class EvaluationPassTests
{
    private const int Models = 40;

    [Fact]
    public async Task ParallelPass_GivesTheReportsOfASequentialPass_ModelForModel()
    {
        var sequential = await ReportsAsync(parallelism: 1);
        var parallel = await ReportsAsync(parallelism: 4);

        Assert.Equal(Models, parallel.Count);
        Assert.Equal(sequential.Keys.Order(), parallel.Keys.Order());
        foreach (var (model, expected) in sequential)
        {
            var actual = parallel[model];
            Assert.Equal(expected.Predictions, actual.Predictions);
            Assert.Equal(expected.IsDrift, actual.IsDrift);
            Assert.Equal(
                expected.Features.Select(f => (f.Name, f.Verdict!.Value.Statistic, f.Verdict!.Value.PValue)),
                actual.Features.Select(f => (f.Name, f.Verdict!.Value.Statistic, f.Verdict!.Value.PValue)));
        }
    }

    [Fact]
    public async Task IdleModels_AreNotEvaluatedAgain_TheirReportsStand_AndTheirWindowsStillClose()
    {
        var reference = TestModels.NormalReference(2, rows: 2_000);
        var (services, watch, time) = TestModels.Create(
            m => m.Numeric("f0", "f1").Reference(reference).Window(TimeSpan.FromMinutes(1)),
            o => o.EvaluationParallelism = 2,
            more: builder => AddModels(builder, reference, count: 9));
        using var _ = services;
        var rng = new SplitMix64(3);
        foreach (var model in watch.Models.Select(m => m.Name))
        {
            LogRows(watch.GetMonitor(model), ref rng, 50, features: 2);
        }

        Assert.Equal(10, (await watch.EvaluateAsync()).Count);
        var standing = watch.GetLatestReport("m1");

        // Only one model sees new predictions: only it is evaluated.
        LogRows(watch.GetMonitor("m"), ref rng, 10, features: 2);
        var second = await watch.EvaluateAsync();
        Assert.Equal(["m"], second.Select(r => r.ModelName));
        Assert.Same(standing, watch.GetLatestReport("m1"));

        // The minute ends: every window closes on time, idle or not.
        time.Advance(TimeSpan.FromMinutes(1));
        var closed = await watch.EvaluateAsync();
        Assert.Equal(10, closed.Count(r => r.IsComplete));
        Assert.Equal(60, closed.Single(r => r.ModelName == "m").Predictions);
    }

    private static async Task<Dictionary<string, DriftReport>> ReportsAsync(int parallelism)
    {
        var reference = TestModels.NormalReference(3, rows: 2_000);
        var (services, watch, _) = TestModels.Create(
            m => m.Numeric("f0", "f1", "f2").Reference(reference),
            o => o.EvaluationParallelism = parallelism,
            more: builder => AddModels(builder, reference, count: Models - 1, numeric: 3));
        using var _s = services;
        var rng = new SplitMix64(11);
        int i = 0;
        foreach (var model in watch.Models.Select(m => m.Name).Order())
        {
            LogRows(watch.GetMonitor(model), ref rng, 200 + (10 * i), features: 3, shift: (i++ % 3) * 0.5);
        }

        return (await watch.EvaluateAsync()).ToDictionary(r => r.ModelName);
    }

    /// <summary>Models m1, m2, … beside the test's own "m".</summary>
    private static void AddModels(IModelWatchBuilder builder, ReferenceProfile reference, int count, int numeric = 2)
    {
        for (int k = 1; k <= count; k++)
        {
            builder.AddModel("m" + k, m => m.Numeric(TestModels.FeatureNames(numeric)).Reference(reference).Window(TimeSpan.FromMinutes(1)));
        }
    }

    private static void LogRows(IModelMonitor monitor, ref SplitMix64 rng, int rows, int features, double shift = 0)
    {
        var row = new double[features];
        for (int r = 0; r < rows; r++)
        {
            for (int f = 0; f < row.Length; f++)
            {
                row[f] = rng.NextNormal() + shift;
            }

            monitor.Log(row, rng.NextNormal());
        }
    }
}
