using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// The cost of holding predictions for their outcomes: a binary classifier with 10 features logged
/// without an id (the baseline), with an id (the pending store's insert, evicting the oldest once
/// full), and with an id followed by its outcome (the join and scoring in two windows).
/// </summary>
public class OutcomeBenchmarks
{
    private const int Calls = 1024;
    private const int Features = 10;
    private const int Ids = 1 << 16;

    private double[][] _rows = null!;
    private string[] _ids = null!;
    private IModelMonitor _monitor = null!;
    private ServiceProvider _services = null!;
    private int _next;

    [GlobalSetup]
    public void Setup()
    {
        var names = HotPathSetup.FeatureNames(Features);
        _rows = HotPathSetup.NormalRows(Calls, Features);
        _ids = [.. Enumerable.Range(0, Ids).Select(i => "prediction-" + i)];
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        var reference = Data.Normal(seed: 8, count: 20_000 * Features);
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(reference.AsSpan(r * Features, Features), 0.5);
        }

        var profile = builder.Build();
        var services = new ServiceCollection();

        // A capacity below the ids in rotation: the store stays full and evicts, as in production.
        services.AddModelWatch().AddModel("m", m => m.Numeric(names).Reference(profile).BinaryClassification().Outcomes(capacity: Ids / 2, TimeSpan.FromDays(30)));
        _services = services.BuildServiceProvider();
        _monitor = _services.GetRequiredService<IModelWatch>().GetMonitor("m", "1");
        for (int i = 0; i < 4 * Ids; i++)
        {
            LogWithIdThenOutcome(); // fill the store, grow the error stream
        }

        _services.GetRequiredService<IModelWatch>().EvaluateAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public void Log_WithoutId()
    {
        foreach (var row in _rows)
        {
            _monitor.Log(row, [], 0.7);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void Log_WithId()
    {
        foreach (var row in _rows)
        {
            _monitor.Log(row, [], 0.7, _ids[_next++ & (Ids - 1)]);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void Log_WithId_ThenOutcome()
    {
        foreach (var row in _rows)
        {
            string id = _ids[_next++ & (Ids - 1)];
            _monitor.Log(row, [], 0.7, id);
            _monitor.RecordOutcome(id, 1);
        }
    }

    private void LogWithIdThenOutcome()
    {
        string id = _ids[_next++ & (Ids - 1)];
        _monitor.Log(_rows[0], [], 0.7, id);
        _monitor.RecordOutcome(id, 1);
    }
}
