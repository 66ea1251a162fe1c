using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.Evaluation;

/// <summary>
/// The CPU time and allocation of fleet evaluation passes (the <see cref="FleetBenchmarks"/> fleet),
/// as a plain harness: on a machine shared with other work, the process's CPU time and the bytes
/// allocated are stable where wall time is not, so this is what a change to the evaluation path is
/// compared by before the quiet-machine BenchmarkDotNet run. The collections' pause time is wall
/// time in which no model is evaluated (workstation collections stop every thread).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- fleet-pass [models] [passes] [parallelism]</c>.
/// Each pass logs one prediction to every model (every model active), then to a tenth of them.
/// </remarks>
internal static class FleetPassCost
{
    private const int Features = 20;
    private const int PredictionsPerModel = 5_000;

    public static void Run(int models, int passes, int parallelism)
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var rows = Data.Normal(seed: 3, count: 4096 * Features);
        var referenceBuilder = new ReferenceProfileBuilder(new ModelSchema(names));
        var referenceValues = Data.Normal(seed: 4, count: 4096 * Features);
        for (int r = 0; r < 4096; r++)
        {
            referenceBuilder.Add(referenceValues.AsSpan(r * Features, Features), referenceValues[r]);
        }

        var reference = referenceBuilder.Build();
        var services = new ServiceCollection();
        var builder = services.AddModelWatch(o =>
        {
            o.ShardCount = 2;
            o.EvaluationParallelism = parallelism;
        });
        for (int m = 0; m < models; m++)
        {
            builder.AddModel("entity" + m.ToString(CultureInfo.InvariantCulture), b => b.Numeric(names).Reference(reference));
        }

        using var provider = services.BuildServiceProvider();
        var watch = provider.GetRequiredService<IModelWatch>();
        var monitors = Enumerable.Range(0, models).Select(m => watch.GetMonitor("entity" + m.ToString(CultureInfo.InvariantCulture))).ToArray();
        for (int m = 0; m < models; m++)
        {
            for (int i = 0; i < PredictionsPerModel; i++)
            {
                int r = (i + m) & 4095;
                monitors[m].Log(rows.AsSpan(r * Features, Features), rows[r]);
            }
        }

        watch.EvaluateAsync().GetAwaiter().GetResult();
        // What the pass computes: how the KS p-values spread (the screen computes the exact one only
        // near the thresholds), from the first 200 models' reports.
        var decades = new int[8];
        foreach (var monitor in monitors.Take(200))
        {
            foreach (var feature in watch.GetLatestReport(monitor.ModelName)!.Features)
            {
                double p = feature.Detectors[0].PValue ?? 1;
                decades[Math.Min(7, (int)-Math.Log10(Math.Max(p, 1e-300)))]++;
            }
        }

        Console.WriteLine("# KS p-values per decade (1-0.1, 0.1-0.01, ...): " + string.Join(", ", decades));
        var row = rows[..Features];
        Console.WriteLine($"# Fleet pass: {models:N0} models x {Features} features, {PredictionsPerModel:N0} predictions each, parallelism {parallelism}, {Environment.ProcessorCount} cores");
        Console.WriteLine("| pass | CPU ms | wall ms | GC pause ms | allocated MB | KB per model | gen0 | gen1 | gen2 |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (int p = 0; p < passes; p++)
        {
            foreach (int active in (int[])[models, models / 10])
            {
                for (int m = 0; m < active; m++)
                {
                    monitors[m].Log(row, row[0]);
                }

                Measure(active == models ? "every model active" : "a tenth active", models, () => watch.EvaluateAsync().GetAwaiter().GetResult());
            }
        }

        Console.WriteLine($"managed heap after: {GC.GetTotalMemory(forceFullCollection: true) / 1048576.0:F0} MB");
    }

    private static void Measure(string name, int models, Action pass)
    {
        var process = Process.GetCurrentProcess();
        process.Refresh();
        var cpu = process.TotalProcessorTime;
        long allocated = GC.GetTotalAllocatedBytes(precise: true);
        int g0 = GC.CollectionCount(0), g1 = GC.CollectionCount(1), g2 = GC.CollectionCount(2);
        var paused = GC.GetTotalPauseDuration();
        long start = Stopwatch.GetTimestamp();
        pass();
        var wall = Stopwatch.GetElapsedTime(start);
        process.Refresh();
        double cpuMs = (process.TotalProcessorTime - cpu).TotalMilliseconds;
        double bytes = GC.GetTotalAllocatedBytes(precise: true) - allocated;
        double pauseMs = (GC.GetTotalPauseDuration() - paused).TotalMilliseconds;
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {name} | {cpuMs:F0} | {wall.TotalMilliseconds:F0} | {pauseMs:F0} | {bytes / 1048576.0:F1} | {bytes / models / 1024.0:F1} | {GC.CollectionCount(0) - g0} | {GC.CollectionCount(1) - g1} | {GC.CollectionCount(2) - g2} |"));
    }
}
