using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Persistence;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// The distribution of single <c>Log</c> calls (10 features + prediction) on two threads, alone and
/// while the evaluator's work — window rotation (1-second windows), evaluation and snapshots to a
/// file store — runs flat out on a third thread: the evidence that evaluation and persistence never
/// make a logging thread wait. BenchmarkDotNet measures means; percentiles of single calls need each
/// call timed, so this is a plain harness (HdrHistogram, 3 significant digits).
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- latency [calls per thread]</c>.
/// Each call is bracketed by two <see cref="Stopwatch.GetTimestamp"/> reads, whose own cost is
/// measured in the same run (the "timer only" row) and included in every figure.
/// </remarks>
internal static class LogLatency
{
    private const int Features = 10;

    public static async Task RunAsync(long callsPerThread)
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i.ToString(CultureInfo.InvariantCulture)).ToArray();
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        var reference = Data.Normal(seed: 8, count: 20_000 * Features);
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(reference.AsSpan(r * Features, Features), reference[r]);
        }

        var profile = builder.Build();
        var rows = Data.Normal(seed: 7, count: 4096 * Features);
        string folder = Path.Combine(Path.GetTempPath(), "modelwatch-latency-" + Guid.NewGuid().ToString("N"));
        Console.WriteLine($"# Log latency: {callsPerThread:N0} calls per thread, 2 logging threads, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}");
        Console.WriteLine();
        Console.WriteLine("| scenario | calls | p50 | p99 | p99.9 | p99.99 | max | evaluator passes |");
        Console.WriteLine("|---|---:|---:|---:|---:|---:|---:|---:|");
        try
        {
            Print("timer only (two timestamp reads)", Measure(callsPerThread, null, rows), 0);
            foreach (bool busy in new[] { false, true })
            {
                var services = new ServiceCollection();
                services.AddModelWatch(o => o.ShardCount = 2).AddModel("m", m => m.Numeric(names).Reference(profile).Window(TimeSpan.FromSeconds(1)));
                await using var provider = services.BuildServiceProvider();
                var watch = provider.GetRequiredService<IModelWatch>();
                var monitor = watch.GetMonitor("m");
                Measure(callsPerThread / 10, monitor, rows); // warm-up: JIT tiers, pools, shards

                using var stop = new CancellationTokenSource();
                int passes = 0;
                var evaluator = busy
                    ? Task.Run(async () =>
                    {
                        var snapshots = new SnapshotScheduler(provider.GetRequiredService<ModelRegistry>(), new FileProfileStore(folder), TimeProvider.System);
                        while (!stop.IsCancellationRequested)
                        {
                            await watch.EvaluateAsync();
                            await snapshots.SnapshotAsync(CancellationToken.None, final: true);
                            passes++;
                        }
                    })
                    : Task.CompletedTask;
                var histogram = Measure(callsPerThread, monitor, rows);
                await stop.CancelAsync();
                await evaluator;
                Print(busy ? "Log while evaluation and snapshots run continuously" : "Log alone", histogram, passes);
            }
        }
        finally
        {
            if (Directory.Exists(folder))
            {
                Directory.Delete(folder, recursive: true);
            }
        }
    }

    private static LongHistogram Measure(long callsPerThread, IModelMonitor? monitor, double[] rows)
    {
        var histograms = new LongHistogram[2];
        var threads = new Thread[2];
        using var start = new Barrier(2);
        for (int t = 0; t < 2; t++)
        {
            int index = t;
            histograms[t] = new LongHistogram(Stopwatch.Frequency, 3);
            threads[t] = new Thread(() =>
            {
                var histogram = histograms[index];
                int offset = index * 2048;
                start.SignalAndWait();
                for (long i = 0; i < callsPerThread; i++)
                {
                    var row = rows.AsSpan(((int)((i + offset) & 4095)) * Features, Features);
                    long before = Stopwatch.GetTimestamp();
                    monitor?.Log(row, row[0]);
                    long elapsed = Stopwatch.GetTimestamp() - before;
                    histogram.RecordValue(elapsed);
                }
            });
            threads[t].Start();
        }

        foreach (var thread in threads)
        {
            thread.Join();
        }

        histograms[0].Add(histograms[1]);
        return histograms[0];
    }

    private static void Print(string scenario, LongHistogram h, int passes)
    {
        static string Ns(long ticks) => Format(ticks * 1e9 / Stopwatch.Frequency);
        Console.WriteLine(string.Create(
            CultureInfo.InvariantCulture,
            $"| {scenario} | {h.TotalCount:N0} | {Ns(h.GetValueAtPercentile(50))} | {Ns(h.GetValueAtPercentile(99))} | {Ns(h.GetValueAtPercentile(99.9))} | {Ns(h.GetValueAtPercentile(99.99))} | {Ns(h.GetMaxValue())} | {passes:N0} |"));
    }

    private static string Format(double ns) => ns switch
    {
        < 1_000 => string.Create(CultureInfo.InvariantCulture, $"{ns:F0} ns"),
        < 1_000_000 => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e3:F1} µs"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{ns / 1e6:F1} ms"),
    };
}
