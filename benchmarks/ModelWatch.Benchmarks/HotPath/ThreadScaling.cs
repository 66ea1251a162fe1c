using System.Diagnostics;
using System.Globalization;
using System.Runtime.InteropServices;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// How throughput grows from one thread to T, measured in pairs: each round times one thread's
/// calls, then T threads' (T times the calls) right after, for every path in turn, and reports the
/// median of the rounds' speed-ups. On a shared virtual machine the cores' speed drifts over
/// minutes, so benchmarks that run one after another (BenchmarkDotNet's threaded class) compare
/// different moments; a pair compares the same moment. HdrHistograms of each thread's own (nothing
/// shared) are the yardstick: what the machine gives per-thread work in the same rounds.
/// </summary>
/// <remarks>
/// Run: <c>dotnet run -c Release --project benchmarks/ModelWatch.Benchmarks -- scaling [threads] [rounds]</c>
/// (defaults: 2 threads, 100 rounds; on a larger machine e.g. <c>scaling 16 50</c>).
/// </remarks>
internal static class ThreadScaling
{
    private const int Features = 10;
    private const int CallsPerThread = 200_000;

    public static void Run(int threads, int rounds)
    {
        var names = HotPathSetup.FeatureNames(Features);
        var rows = HotPathSetup.NormalRows(1024, Features);
        var profile = HotPathSetup.NormalReference(names);
        var services = new ServiceCollection();
        var builder = services.AddModelWatch()
            .AddModel("shared", m => m.Numeric(names).Reference(profile))
            .AddModel("ids", m => m.Numeric(names).Reference(profile).BinaryClassification().Outcomes(capacity: 1 << 16, TimeSpan.FromDays(30)));
        for (int t = 0; t < threads; t++)
        {
            builder.AddModel("own-" + t.ToString(CultureInfo.InvariantCulture), m => m.Numeric(names).Reference(profile));
        }

        using var provider = services.BuildServiceProvider();
        var watch = provider.GetRequiredService<IModelWatch>();
        var shared = watch.GetMonitor("shared", "1");
        var withIds = watch.GetMonitor("ids", "1");
        var own = Enumerable.Range(0, threads).Select(t => watch.GetMonitor("own-" + t.ToString(CultureInfo.InvariantCulture), "1")).ToArray();
        string[] ids = [.. Enumerable.Range(0, 1 << 17).Select(i => "prediction-" + i.ToString(CultureInfo.InvariantCulture))];
        var histograms = Enumerable.Range(0, threads).Select(_ => Enumerable.Range(0, Features + 1).Select(_ => new LongHistogram(1_000_000_000, 3)).ToArray()).ToArray();

        var paths = new (string Name, Action<int> Calls)[]
        {
            ("HdrHistogram, each thread its own", t =>
            {
                for (int i = 0; i < CallsPerThread; i++)
                {
                    HotPathSetup.RecordHdrRow(histograms[t], rows[(i + (t * 512)) & 1023]);
                }
            }),
            ("Log, one shared model", t =>
            {
                for (int i = 0; i < CallsPerThread; i++)
                {
                    shared.Log(rows[(i + (t * 512)) & 1023], 0.5);
                }
            }),
            ("Log, each thread its own model", t =>
            {
                for (int i = 0; i < CallsPerThread; i++)
                {
                    own[t].Log(rows[(i + (t * 512)) & 1023], 0.5);
                }
            }),
            ("Log with an id, one shared model", t =>
            {
                for (int i = 0; i < CallsPerThread; i++)
                {
                    withIds.Log(rows[(i + (t * 512)) & 1023], [], 0.7, ids[(i + (t << 13)) & ((1 << 17) - 1)]);
                }
            }),
        };

        Console.WriteLine($"# Thread scaling: 1 → {threads} threads, {rounds} paired rounds, {CallsPerThread:N0} calls per thread, {Environment.ProcessorCount} cores, .NET {Environment.Version}, {RuntimeInformation.OSDescription}");
        var speedUps = paths.Select(_ => new List<double>()).ToArray();
        var single = paths.Select(_ => new List<double>()).ToArray();
        for (int round = -5; round < rounds; round++) // five rounds of warm-up, not counted
        {
            for (int p = 0; p < paths.Length; p++)
            {
                var calls = paths[p].Calls;
                double one = Time(() => calls(0));
                double many = Time(() => Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads }, calls));
                if (round >= 0)
                {
                    speedUps[p].Add(threads * one / many);
                    single[p].Add(one * 1e6 / CallsPerThread);
                }
            }
        }

        Console.WriteLine("| path | 1 thread, ns per call (median) | speed-up, median of pairs | quartiles |");
        Console.WriteLine("|---|---:|---:|---|");
        for (int p = 0; p < paths.Length; p++)
        {
            var s = speedUps[p].Order().ToArray();
            var ns = single[p].Order().ToArray();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| {paths[p].Name} | {ns[ns.Length / 2]:F1} | {s[s.Length / 2]:F2}× | {s[s.Length / 4]:F2}–{s[3 * s.Length / 4]:F2}× |"));
        }
    }

    /// <returns>Milliseconds.</returns>
    private static double Time(Action run)
    {
        long start = Stopwatch.GetTimestamp();
        run();
        return Stopwatch.GetElapsedTime(start).TotalMilliseconds;
    }
}
