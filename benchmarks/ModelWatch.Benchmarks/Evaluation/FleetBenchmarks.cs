using System.Diagnostics;
using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.Evaluation;

/// <summary>
/// A fleet of per-entity models in one process: 10,000 models × 20 numeric features (+ a numeric
/// prediction) sharing one reference of 4,096 rows, 2 shards each, one-hour windows holding 5,000
/// predictions each. The setup measures registration time and the managed heap after a first pass
/// (printed and appended to fleet-memory.txt); the benchmarks measure a pass in which every model,
/// a tenth of the models, or none has new predictions.
/// </summary>
/// <remarks>Full size by default; MODELWATCH_FLEET_MODELS sets a smaller fleet for a quick run.</remarks>
public class FleetBenchmarks
{
    private const int Features = 20;
    private const int PredictionsPerModel = 5_000;

    private readonly int _models = int.TryParse(Environment.GetEnvironmentVariable("MODELWATCH_FLEET_MODELS"), out int n) && n > 0 ? n : 10_000;
    private ServiceProvider _services = null!;
    private IModelWatch _watch = null!;
    private IModelMonitor[] _monitors = null!;
    private double[] _row = null!;

    [GlobalSetup]
    public void Setup()
    {
        long before = GC.GetTotalMemory(forceFullCollection: true);
        var names = Enumerable.Range(0, Features).Select(i => "f" + i).ToArray();
        var rows = Data.Normal(seed: 3, count: 4096 * Features);
        var referenceBuilder = new ReferenceProfileBuilder(new ModelSchema(names));
        var referenceValues = Data.Normal(seed: 4, count: 4096 * Features);
        for (int r = 0; r < 4096; r++)
        {
            referenceBuilder.Add(referenceValues.AsSpan(r * Features, Features), referenceValues[r]);
        }

        var reference = referenceBuilder.Build();
        var registration = Stopwatch.StartNew();
        var services = new ServiceCollection();
        var builder = services.AddModelWatch(o => o.ShardCount = 2);
        for (int m = 0; m < _models; m++)
        {
            builder.AddModel("entity" + m, b => b.Numeric(names).Reference(reference));
        }

        _services = services.BuildServiceProvider();
        _watch = _services.GetRequiredService<IModelWatch>();
        _monitors = [.. Enumerable.Range(0, _models).Select(m => _watch.GetMonitor("entity" + m))];
        registration.Stop();

        for (int m = 0; m < _models; m++)
        {
            for (int i = 0; i < PredictionsPerModel; i++)
            {
                int r = (i + m) & 4095;
                _monitors[m].Log(rows.AsSpan(r * Features, Features), rows[r]);
            }
        }

        _row = rows[..Features];
        var firstPass = Stopwatch.StartNew();
        _watch.EvaluateAsync().GetAwaiter().GetResult();
        firstPass.Stop();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        string line = $"// Fleet: {_models:N0} models x {Features} features, {PredictionsPerModel:N0} predictions each, one shared reference: "
            + $"registration {registration.Elapsed.TotalSeconds:F2} s, first pass {firstPass.Elapsed.TotalSeconds:F2} s, "
            + $"managed heap {(after - before) / 1048576.0:F0} MB ({(after - before) / _models / 1024.0:F1} KB per model)";
        Console.WriteLine(line);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "fleet-memory.txt"), line + Environment.NewLine);
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>Every model has one new prediction: every model is evaluated.</summary>
    [Benchmark]
    public int EveryModelActive() => PassWithActive(_models);

    /// <summary>A tenth of the models have a new prediction.</summary>
    [Benchmark]
    public int TenthOfModelsActive() => PassWithActive(_models / 10);

    /// <summary>No model has anything new.</summary>
    [Benchmark]
    public int NoModelActive() => PassWithActive(0);

    private int PassWithActive(int active)
    {
        for (int m = 0; m < active; m++)
        {
            _monitors[m].Log(_row, _row[0]);
        }

        return _watch.EvaluateAsync().GetAwaiter().GetResult().Count;
    }
}
