using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// <c>Log</c> of 10 numeric features and one categorical "country" (100 values), single-threaded:
/// the same model unsegmented (the baseline), segmented by "country" (the target: at most
/// 1.3× the baseline, 0 B), and segmented by an explicit key. docs/segments.md explains why the
/// segmented call costs one hash and probe more and no second count. <see cref="SegmentedByFeatureMostlyInOther"/>
/// caps the segments at 10 of the 100 values, so about 90 % of rows count in "(other)" and update its
/// Space-Saving summary of candidates for admission by weight (the cost docs/segments.md states in design terms).
/// </summary>
[MemoryDiagnoser]
public class SegmentedHotPathBenchmarks
{
    private const int Calls = 1024;
    private const int Features = 10;
    private const int Countries = 100;

    private double[][] _rows = null!;
    private string?[][] _countries = null!;
    private ServiceProvider _services = null!;
    private IModelMonitor _plain = null!;
    private IModelMonitor _byFeature = null!;
    private IModelMonitor _byKey = null!;
    private IModelMonitor _mostlyOther = null!;

    [GlobalSetup]
    public void Setup()
    {
        var names = Enumerable.Range(0, Features).Select(i => "f" + i).ToArray();
        string[] values = [.. Enumerable.Range(0, Countries).Select(i => "c" + i.ToString(System.Globalization.CultureInfo.InvariantCulture))];
        var normals = Data.Normal(seed: 7, count: Calls * Features);
        _rows = new double[Calls][];
        _countries = new string?[Calls][];
        var rng = new Random(3);
        for (int r = 0; r < Calls; r++)
        {
            _rows[r] = normals.AsSpan(r * Features, Features).ToArray();
            _countries[r] = [values[rng.Next(Countries)]];
        }

        var builder = new ReferenceProfileBuilder(new ModelSchema(names, ["country"]));
        var reference = Data.Normal(seed: 8, count: 20_000 * Features);
        for (int r = 0; r < 20_000; r++)
        {
            builder.Add(reference.AsSpan(r * Features, Features), [values[r % Countries]], reference[r]);
        }

        var profile = builder.Build();
        var services = new ServiceCollection();
        services.AddModelWatch()
            .AddModel("plain", m => m.Numeric(names).Categorical("country").Reference(profile))
            .AddModel("by-feature", m => m.Numeric(names).Categorical("country").Reference(profile).SegmentBy("country"))
            .AddModel("by-key", m => m.Numeric(names).Categorical("country").Reference(profile).SegmentByKey())
            .AddModel("mostly-other", m => m.Numeric(names).Categorical("country").Reference(profile).SegmentBy("country").MaxSegments(10));
        _services = services.BuildServiceProvider();
        var watch = _services.GetRequiredService<IModelWatch>();
        _plain = watch.GetMonitor("plain", "1");
        _byFeature = watch.GetMonitor("by-feature", "1");
        _byKey = watch.GetMonitor("by-key", "1");
        _mostlyOther = watch.GetMonitor("mostly-other", "1");
        for (int i = 0; i < 20; i++)
        {
            Unsegmented();
            SegmentedByFeature();
            SegmentedByKey(); // every segment's slot exists in the shards' accumulators
            SegmentedByFeatureMostlyInOther();
        }
    }

    [GlobalCleanup]
    public void Cleanup() => _services.Dispose();

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public void Unsegmented()
    {
        for (int r = 0; r < _rows.Length; r++)
        {
            _plain.Log(_rows[r], _countries[r], 0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void SegmentedByFeature()
    {
        for (int r = 0; r < _rows.Length; r++)
        {
            _byFeature.Log(_rows[r], _countries[r], 0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void SegmentedByKey()
    {
        for (int r = 0; r < _rows.Length; r++)
        {
            var countries = _countries[r];
            _byKey.Log(new PredictionEntry { Features = _rows[r], Categories = countries, Value = 0.5, Segment = countries[0] });
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void SegmentedByFeatureMostlyInOther()
    {
        for (int r = 0; r < _rows.Length; r++)
        {
            _mostlyOther.Log(_rows[r], _countries[r], 0.5);
        }
    }
}
