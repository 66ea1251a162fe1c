using System.Diagnostics.Metrics;
using BenchmarkDotNet.Attributes;
using HdrHistogram;
using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Monitoring;
using OpenTelemetry;
using OpenTelemetry.Metrics;

namespace ModelWatch.Benchmarks.HotPath;

/// <summary>
/// One call recording <c>Features</c> feature values plus one prediction, single-threaded: the
/// ModelWatch logging hook (everything drift detection needs: counts, moments, min/max, fine-bin
/// counts over the reference, data-quality counts) against what teams hand-roll today — a
/// histogram per value in the OpenTelemetry SDK, in prometheus-net, in HdrHistogram, or a list
/// under a lock — and against the floor of copying the values.
/// </summary>
public class HotPathBenchmarks
{
    private const int Calls = 1024;

    private double[][] _rows = null!;
    private double[] _copy = null!;
    private IModelMonitor _monitor = null!;
    private IModelMonitor _sampledOut = null!;
    private IModelMonitor _withOutcomes = null!;
    private string[] _ids = null!;
    private int _nextId;
    private ServiceProvider _services = null!;
    private MeterProvider _otel = null!;
    private Meter _meter = null!;
    private Histogram<double>[] _otelHistograms = null!;
    private Prometheus.Histogram[] _promHistograms = null!;
    private LongHistogram[] _hdr = null!;
    private readonly object _gate = new();
    private List<double[]> _list = null!;
    private readonly List<Metric> _exported = [];

    /// <summary>
    /// Feature counts to run: 4, 10, 32 and 256, or those listed in MODELWATCH_BENCH_FEATURES
    /// (comma-separated), for a run that compares fewer cases with more launches.
    /// </summary>
    public static IEnumerable<int> FeatureCounts =>
        Environment.GetEnvironmentVariable("MODELWATCH_BENCH_FEATURES") is { Length: > 0 } list
            ? list.Split(',').Select(v => int.Parse(v, System.Globalization.CultureInfo.InvariantCulture))
            : [4, 10, 32, 256];

    [ParamsSource(nameof(FeatureCounts))]
    public int Features { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var names = HotPathSetup.FeatureNames(Features);
        _rows = HotPathSetup.NormalRows(Calls, Features);

        _copy = new double[Features + 1];
        var profile = HotPathSetup.NormalReference(names);
        var services = new ServiceCollection();
        services.AddModelWatch()
            .AddModel("m", m => m.Numeric(names).Reference(profile))
            .AddModel("sampled", m => m.Numeric(names).Reference(profile).Configure(o => o.SamplingRate = 1e-6))
            .AddModel("ids", m => m.Numeric(names).Reference(profile).BinaryClassification().Outcomes(capacity: 1 << 15, TimeSpan.FromDays(30)));
        _services = services.BuildServiceProvider();
        var watch = _services.GetRequiredService<IModelWatch>();
        _withOutcomes = watch.GetMonitor("ids", "1");

        // More ids in rotation than the store holds: it stays full and evicts, as in production.
        _ids = [.. Enumerable.Range(0, 1 << 16).Select(i => "prediction-" + i)];
        for (int i = 0; i < 4; i++)
        {
            ModelWatch_LogWithId();
        }

        _monitor = watch.GetMonitor("m", "1");
        _sampledOut = watch.GetMonitor("sampled", "1");

        _meter = new Meter("baseline.otel");
        // With a reader attached, as in production: without one the SDK drops every measurement.
        _otel = Sdk.CreateMeterProviderBuilder().AddMeter("baseline.otel").AddInMemoryExporter(_exported).Build()!;
        _otelHistograms = [.. Enumerable.Range(0, Features + 1).Select(i => _meter.CreateHistogram<double>("v" + i))];

        var registry = Prometheus.Metrics.NewCustomRegistry();
        var factory = Prometheus.Metrics.WithCustomRegistry(registry);
        _promHistograms = [.. Enumerable.Range(0, Features + 1).Select(i => factory.CreateHistogram("v" + i, "value " + i))];

        _hdr = [.. Enumerable.Range(0, Features + 1).Select(_ => new LongHistogram(1_000_000_000, 3))];
        _list = new List<double[]>(1 << 20);

        for (int i = 0; i < 10_000; i++)
        {
            ModelWatch_Log(); // warm the accumulators and the sampler
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _services.Dispose();
        _otel.Dispose();
        _meter.Dispose();
    }

    [Benchmark(Baseline = true, OperationsPerInvoke = Calls)]
    public void Floor_CopyValues()
    {
        foreach (var row in _rows)
        {
            row.CopyTo(_copy, 0);
            _copy[^1] = 0.5;
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void ModelWatch_Log()
    {
        foreach (var row in _rows)
        {
            _monitor.Log(row, 0.5);
        }
    }

    /// <summary>The same row with a unique prediction id, into a binary classifier's pending store (full, evicting).</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void ModelWatch_LogWithId()
    {
        var ids = _ids;
        foreach (var row in _rows)
        {
            _withOutcomes.Log(row, [], 0.5, ids[_nextId++ & (ids.Length - 1)]);
        }
    }

    /// <summary>The same row through a timed scope: <c>StartPrediction</c>, then <c>Complete</c>.</summary>
    [Benchmark(OperationsPerInvoke = Calls)]
    public void ModelWatch_StartPredictionComplete()
    {
        foreach (var row in _rows)
        {
            using var scope = _monitor.StartPrediction();
            scope.Complete(row, 0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void ModelWatch_Log_SampledOut()
    {
        foreach (var row in _rows)
        {
            _sampledOut.Log(row, 0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void OpenTelemetrySdk_HistogramPerValue()
    {
        var histograms = _otelHistograms;
        foreach (var row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                histograms[i].Record(row[i]);
            }

            histograms[^1].Record(0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void PrometheusNet_HistogramPerValue()
    {
        var histograms = _promHistograms;
        foreach (var row in _rows)
        {
            for (int i = 0; i < row.Length; i++)
            {
                histograms[i].Observe(row[i]);
            }

            histograms[^1].Observe(0.5);
        }
    }

    [Benchmark(OperationsPerInvoke = Calls)]
    public void HdrHistogram_PerValue() => HotPathSetup.RecordHdr(_hdr, _rows);

    [Benchmark(OperationsPerInvoke = Calls)]
    public void LockAndList_CopyRow()
    {
        foreach (var row in _rows)
        {
            var copy = new double[row.Length + 1];
            row.CopyTo(copy, 0);
            copy[^1] = 0.5;
            lock (_gate)
            {
                if (_list.Count == _list.Capacity)
                {
                    _list.Clear();
                }

                _list.Add(copy);
            }
        }
    }
}
