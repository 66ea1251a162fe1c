using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.Evaluation;

/// <summary>
/// 500 models × 20 numeric features (+ a numeric prediction), each with a reference and 10^5
/// logged predictions in its current window, default window settings (tumbling one-hour windows,
/// 100 fine bins) and 2 shards per model: one evaluation pass over all of them, and the managed
/// heap they occupy (printed by the setup and written to the results). A pass evaluates only models
/// with something new, so <see cref="EvaluateAllModels"/> logs one prediction to each model first
/// (about 50 µs of the pass) and <see cref="EvaluateIdleModels"/> measures a pass with nothing new.
/// </summary>
public class ScaleBenchmarks
{
    private const int Models = 500;
    private const int Features = 20;
    private const int PredictionsPerModel = 100_000;

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
        var referenceValues = Data.Normal(seed: 4, count: 10_000 * Features);
        var services = new ServiceCollection();
        var builder = services.AddModelWatch(o => o.ShardCount = 2);
        for (int m = 0; m < Models; m++)
        {
            // Each model gets its own reference (as in production), from the same kind of data.
            int model = m;
            builder.AddModel("model" + m, b => b.Numeric(names).Reference(_ => Reference(names, referenceValues, model)));
        }

        _services = services.BuildServiceProvider();
        _watch = _services.GetRequiredService<IModelWatch>();
        for (int m = 0; m < Models; m++)
        {
            var monitor = _watch.GetMonitor("model" + m);
            for (int i = 0; i < PredictionsPerModel; i++)
            {
                int r = (i + m) & 4095;
                monitor.Log(rows.AsSpan(r * Features, Features), rows[r]);
            }
        }

        _monitors = [.. Enumerable.Range(0, Models).Select(m => _watch.GetMonitor("model" + m))];
        _row = rows[..Features];
        _watch.EvaluateAsync().GetAwaiter().GetResult();
        long after = GC.GetTotalMemory(forceFullCollection: true);
        string line = $"// Scale: {Models} models x {Features} features, {PredictionsPerModel:N0} predictions each: managed heap {(after - before) / 1048576.0:F1} MB ({(after - before) / Models / 1024.0:F1} KB per model)";
        Console.WriteLine(line);
        File.AppendAllText(Path.Combine(AppContext.BaseDirectory, "scale-memory.txt"), line + Environment.NewLine);
    }

    private static ReferenceProfile Reference(string[] names, double[] values, int model)
    {
        var builder = new ReferenceProfileBuilder(new ModelSchema(names));
        for (int r = 0; r < 10_000; r++)
        {
            builder.Add(values.AsSpan(((r + model) % 10_000) * Features, Features), values[r]);
        }

        return builder.Build();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    /// <summary>A pass in which every model has new predictions (one each), so every model is evaluated.</summary>
    [Benchmark]
    public int EvaluateAllModels()
    {
        for (int m = 0; m < Models; m++)
        {
            _monitors[m].Log(_row, _row[0]);
        }

        return _watch.EvaluateAsync().GetAwaiter().GetResult().Count;
    }

    /// <summary>A pass in which no model has anything new: every report stands.</summary>
    [Benchmark]
    public int EvaluateIdleModels() => _watch.EvaluateAsync().GetAwaiter().GetResult().Count;
}
