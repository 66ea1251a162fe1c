using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// Where the nanoseconds of <c>Log(10 numeric, prediction)</c> go: the whole call beside each of its
/// steps run alone over the same rows — the numeric row update (moments and bins), the bin lookups
/// alone, the shard's lock, the clock reads — and HdrHistogram recording the same 11 values as the
/// yardstick. The call's fixed part (everything but the row update) is the whole minus the row step.
/// </summary>
public class LogStepsBenchmarks
{
    private const int Calls = 1024;
    private const int Features = 10;

    private double[][] _rows = null!;
    private IModelMonitor _monitor = null!;
    private ServiceProvider _services = null!;
    private MonitorLayout _layout = null!;
    private WindowAccumulator _window = null!;
    private GridBinLookup[] _lookups = null!;
    private MonitorShards _shards = null!;
    private LongHistogram[] _hdr = null!;

    [GlobalSetup]
    public void Setup()
    {
        var names = HotPathSetup.FeatureNames(Features);
        _rows = HotPathSetup.NormalRows(Calls, Features);
        var profile = HotPathSetup.NormalReference(names);
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("m", m => m.Numeric(names).Reference(profile));
        _services = services.BuildServiceProvider();
        _monitor = _services.GetRequiredService<IModelWatch>().GetMonitor("m", "1");
        _layout = new MonitorLayout(profile.Schema, profile, categoryCapacity: 64);
        _window = new WindowAccumulator(_layout);
        _lookups = [.. profile.Numeric.Select(n => n.Lookup)];
        _shards = new MonitorShards(2, _layout, _ => true, new DroppedSubWindows());
        _hdr = [.. Enumerable.Range(0, Features + 1).Select(_ => new LongHistogram(1_000_000_000, 3))];
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public void HdrHistogram_PerValue() => HotPathSetup.RecordHdr(_hdr, _rows);

    /// <summary>The whole call.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void Log()
    {
        foreach (var row in _rows)
        {
            _monitor.Log(row, 0.5);
        }
    }

    /// <summary>The row update alone: 11 values into the moments and the fine bins.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void Step_NumericRow()
    {
        var rows = _layout.Rows;
        foreach (var row in _rows)
        {
            rows.Add(_window, row, 0.5);
        }
    }

    /// <summary>The 11 bin lookups alone (part of the row update).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public int Step_BinLookups()
    {
        int sum = 0;
        var lookups = _lookups;
        foreach (var row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                sum += lookups[i].BinOf(row[i]);
            }

            sum += lookups[^1].BinOf(0.5);
        }

        return sum;
    }

    /// <summary>Entering and leaving the calling thread's shard (uncontended).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void Step_ShardLock()
    {
        for (int i = 0; i < Calls; i++)
        {
            _shards.EnterShard().Exit();
        }
    }

    /// <summary>The coarse counter the window clock reads per call.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Step_CoarseClock()
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += Environment.TickCount64;
        }

        return sum;
    }

    /// <summary>A precise timestamp: what a timed prediction scope reads twice.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public long Step_PreciseTimestamp()
    {
        long sum = 0;
        for (int i = 0; i < Calls; i++)
        {
            sum += Stopwatch.GetTimestamp();
        }

        return sum;
    }
}
