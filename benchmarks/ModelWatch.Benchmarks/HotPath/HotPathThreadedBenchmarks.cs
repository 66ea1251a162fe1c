using BenchmarkDotNet.Attributes;
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
    private ServiceProvider _services = null!;
    private long _shared;

    [Params(1, 2)]
    public int Threads { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i).ToArray();
        var normals = Data.Normal(seed: 7, count: 1024 * Features);
        _rows = [.. Enumerable.Range(0, 1024).Select(r => normals.AsSpan(r * Features, Features).ToArray())];
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        var reference = Data.Normal(seed: 8, count: 20_000 * Features);
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(reference.AsSpan(r * Features, Features), reference[r]);
        }

        var profile = builder.Build();
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric(names).Reference(profile));
        _services = services.BuildServiceProvider();
        _monitor = _services.GetRequiredService<IModelWatch>().GetMonitor("m", "1");
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
}
