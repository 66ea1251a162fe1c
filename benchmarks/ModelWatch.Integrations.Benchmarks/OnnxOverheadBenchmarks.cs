using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML.OnnxRuntime;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.OnnxRuntime;

namespace ModelWatch.Integrations.Benchmarks;

/// <summary>
/// One ONNX Runtime run of the weather model (exported from ML.NET: five [batch, 1] inputs, the
/// label among them) with and without ModelWatch.OnnxRuntime, for one row and for a batch.
/// </summary>
public class OnnxOverheadBenchmarks
{
    private ServiceProvider _host = null!;
    private InferenceSession _session = null!;
    private MonitoredInferenceSession _monitored = null!;
    private List<NamedOnnxValue> _inputs = null!;

    [Params(1, 64)]
    public int Rows { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        (_host, var monitor) = WatchedWeatherModel.Create();
        _session = new InferenceSession(WeatherModels.OnnxPath);
        var options = new OnnxMonitoringOptions();
        options.ExcludedInputs.Add("weather");
        _monitored = _session.WithModelWatch(monitor, options);
        _inputs = WeatherTensors.Inputs([.. WeatherModels.Days.Skip(100).Take(Rows)]);
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _monitored.Dispose();
        _session.Dispose();
        _host.Dispose();
    }

    [Benchmark(Baseline = true)]
    public int Run()
    {
        using var outputs = _session.Run(_inputs);
        return outputs.Count;
    }

    [Benchmark]
    public int MonitoredRun()
    {
        using var outputs = _monitored.Run(_inputs);
        return outputs.Count;
    }
}
