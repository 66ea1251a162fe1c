using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.Evaluation;

/// <summary>
/// The evaluation pass of one model with 20 numeric features (+ a numeric prediction) and 50,000
/// predictions in its current window: unsegmented (the baseline) against segmented by a categorical
/// feature with 100 values (100 segments + "(other)" × 21 columns, every segment × column test
/// corrected together), compared with the whole model's reference (<c>Segments:ReferenceSize</c> = 0)
/// so every segment is judged. Each pass logs one row first, so the current window is evaluated again.
/// </summary>
[MemoryDiagnoser]
public class SegmentedEvaluationBenchmarks
{
    private const int Features = 20;
    private const int Segments = 100;
    private const int Predictions = 50_000;

    private ServiceProvider _services = null!;
    private IModelWatch _watch = null!;
    private IModelMonitor _plain = null!;
    private IModelMonitor _segmented = null!;
    private double[] _row = null!;
    private string?[] _segment = null!;

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i).ToArray();
        string[] values = [.. Enumerable.Range(0, Segments).Select(i => "s" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var referenceValues = Data.Normal(seed: 4, count: 20_000 * Features);
        var builder = new ReferenceProfileBuilder(new ModelSchema(names, ["segment"]));
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(referenceValues.AsSpan(r * Features, Features), [values[r % Segments]], referenceValues[r]);
        }

        var reference = builder.Build();
        var services = new ServiceCollection();
        services.AddModelWatch(o => o.ShardCount = 2)
            .AddModel("plain", m => m.Numeric(names).Categorical("segment").Reference(reference).Window(TimeSpan.FromDays(1)))
            .AddModel("segmented", m => m.Numeric(names).Categorical("segment").Reference(reference).Window(TimeSpan.FromDays(1))
                .SegmentBy("segment").Configure(o => o.Segments.ReferenceSize = 0));
        _services = services.BuildServiceProvider();
        _watch = _services.GetRequiredService<IModelWatch>();
        _plain = _watch.GetMonitor("plain", "1");
        _segmented = _watch.GetMonitor("segmented", "1");
        var rows = Data.Normal(seed: 3, count: 4096 * Features);
        var category = new string?[1];
        for (int i = 0; i < Predictions; i++)
        {
            int r = i & 4095;
            category[0] = values[i % Segments];
            _plain.Log(rows.AsSpan(r * Features, Features), category, rows[r]);
            _segmented.Log(rows.AsSpan(r * Features, Features), category, rows[r]);
        }

        _row = rows[..Features];
        _segment = [values[0]];
        _watch.EvaluateAsync().GetAwaiter().GetResult();
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true)]
    public int Unsegmented()
    {
        _plain.Log(_row, _segment, _row[0]);
        return _watch.EvaluateAsync().GetAwaiter().GetResult().Count;
    }

    [Benchmark]
    public int HundredSegments()
    {
        _segmented.Log(_row, _segment, _row[0]);
        return _watch.EvaluateAsync().GetAwaiter().GetResult().Count;
    }
}
