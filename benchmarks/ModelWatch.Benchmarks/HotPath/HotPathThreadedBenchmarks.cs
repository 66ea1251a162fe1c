using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// Aggregate cost per call (wall time / total calls) when 1 or 2 threads log 10 features + a
/// prediction into the same model at once: sharding should keep 2 threads no worse per call than
/// one (a shared atomic per value is 3–10× slower under contention on this machine). The baseline
/// increments one shared counter per call from the same threads.
/// </summary>
public class HotPathThreadedBenchmarks
{
    private const int CallsPerThread = 200_000;
    private const int Features = 10;

    private double[][] _rows = null!;
    private IModelMonitor _monitor = null!;
    private IModelMonitor _withOutcomes = null!;
    private IModelMonitor[] _ownModels = null!;
    private string[] _ids = null!;
    private LongHistogram[][] _hdrPerThread = null!;
    private ServiceProvider _services = null!;
    private long _shared;

    /// <summary>
    /// 1, 2, 4, 8 and 16 threads, up to the machine's core count (on a 2-core machine: 1 and 2), or the
    /// counts listed in MODELWATCH_BENCH_THREADS (comma-separated).
    /// </summary>
    public static IEnumerable<int> ThreadCounts =>
        Environment.GetEnvironmentVariable("MODELWATCH_BENCH_THREADS") is { Length: > 0 } list
            ? list.Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            : new[] { 1, 2, 4, 8, 16 }.Where(t => t == 1 || t <= Environment.ProcessorCount);

    [ParamsSource(nameof(ThreadCounts))]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var names = HotPathSetup.FeatureNames(Features);
        _rows = HotPathSetup.NormalRows(1024, Features);
        var profile = HotPathSetup.NormalReference(names);
        var services = new ServiceCollection();
        var builder = services.AddModelWatch()
            .AddModel("m", m => m.Numeric(names).Reference(profile))
            .AddModel("ids", m => m.Numeric(names).Reference(profile).BinaryClassification().Outcomes(capacity: 1 << 16, TimeSpan.FromDays(30)));
        for (int t = 0; t < Threads; t++)
        {
            builder.AddModel("ids-" + t, m => m.Numeric(names).Reference(profile).BinaryClassification().Outcomes(capacity: 1 << 16, TimeSpan.FromDays(30)));
        }

        _services = services.BuildServiceProvider();
        var watch = _services.GetRequiredService<IModelWatch>();
        _monitor = watch.GetMonitor("m", "1");
        _withOutcomes = watch.GetMonitor("ids", "1");
        _ownModels = [.. Enumerable.Range(0, Threads).Select(t => watch.GetMonitor("ids-" + t, "1"))];
        _ids = [.. Enumerable.Range(0, 1 << 17).Select(i => "prediction-" + i)];
        _hdrPerThread = [.. Enumerable.Range(0, Threads).Select(_ => Enumerable.Range(0, Features + 1).Select(_ => new LongHistogram(1_000_000_000, 3)).ToArray())];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public void SharedInterlockedIncrement() =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, _ =>
        {
            for (int i = 0; i < CallsPerThread; i++)
            {
                Interlocked.Increment(ref _shared);
            }
        });

    [Benchmark]
    public void ModelWatch_Log() =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var rows = _rows;
            for (int i = 0; i < CallsPerThread; i++)
            {
                _monitor.Log(rows[(i + t * 512) & 1023], 0.5);
            }
        });

    [Benchmark]
    public void ModelWatch_LogWithId() =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var rows = _rows;
            var ids = _ids;
            for (int i = 0; i < CallsPerThread; i++)
            {
                // Each thread its own ids (the store stays full and evicts, as in production).
                _withOutcomes.Log(rows[(i + t * 512) & 1023], [], 0.7, ids[(i + (t << 13)) & ((1 << 17) - 1)]);
            }
        });

    /// <summary>
    /// The same calls, each thread into a model of its own: nothing is shared, so its 2-thread figure
    /// is what this machine allows for the id path (the yardstick for <see cref="ModelWatch_LogWithId"/>).
    /// </summary>
    [Benchmark]
    public void ModelWatch_LogWithId_OwnModelPerThread() =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var rows = _rows;
            var ids = _ids;
            var monitor = _ownModels[t];
            for (int i = 0; i < CallsPerThread; i++)
            {
                monitor.Log(rows[(i + t * 512) & 1023], [], 0.7, ids[(i + (t << 13)) & ((1 << 17) - 1)]);
            }
        });

    /// <summary>
    /// The same 11 values per call into HdrHistograms of the calling thread's own (nothing shared, no
    /// lock, no clock): how far this machine lets per-thread work scale, the ceiling that the shared
    /// model's figures are read against.
    /// </summary>
    [Benchmark]
    public void HdrHistogram_OwnHistogramsPerThread() =>
        Parallel.For(0, Threads, new ParallelOptions { MaxDegreeOfParallelism = Threads }, t =>
        {
            var rows = _rows;
            var histograms = _hdrPerThread[t];
            for (int i = 0; i < CallsPerThread; i++)
            {
                HotPathSetup.RecordHdrRow(histograms, rows[(i + t * 512) & 1023]);
            }
        });
}
