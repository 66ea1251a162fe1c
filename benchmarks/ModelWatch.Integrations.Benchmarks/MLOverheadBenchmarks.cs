using BenchmarkDotNet.Attributes;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.ML;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.ML;

namespace ModelWatch.Integrations.Benchmarks;

/// <summary>
/// One ML.NET prediction (SDCA maximum entropy, four float inputs, five classes) with and without
/// ModelWatch.ML: the ratio is the monitoring overhead per call (the budget: at most 10 %).
/// </summary>
public class MLOverheadBenchmarks
{
    private ServiceProvider _host = null!;
    private PredictionEngine<WeatherInput, WeatherPrediction> _plain = null!;
    private MonitoredPredictionEngine<WeatherInput, WeatherPrediction> _monitored = null!;
    private WeatherInput _input = null!;
    private WeatherPrediction _output = new();

    [GlobalSetup]
    public void Setup()
    {
        (_host, var monitor) = WatchedWeatherModel.Create();
        var ml = WeatherModels.Context;
        _plain = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer);
        _monitored = ml.Model.CreatePredictionEngine<WeatherInput, WeatherPrediction>(WeatherModels.Transformer).WithModelWatch(monitor, WatchedWeatherModel.Options());
        _input = WeatherModels.Input(WeatherModels.Days[200]);
    }

    [GlobalCleanup]
    public void Cleanup() => _host.Dispose();

    [Benchmark(Baseline = true)]
    public uint Predict() => _plain.Predict(_input).PredictedLabel;

    [Benchmark]
    public uint PredictReusingOutput()
    {
        _plain.Predict(_input, ref _output);
        return _output.PredictedLabel;
    }

    [Benchmark]
    public uint MonitoredPredict() => _monitored.Predict(_input).PredictedLabel;

    [Benchmark]
    public uint MonitoredPredictReusingOutput()
    {
        _monitored.Predict(_input, ref _output);
        return _output.PredictedLabel;
    }

    /// <summary>The logging step alone: map the input, read the prediction, Log.</summary>
    [Benchmark]
    public void LogOnly() => _monitored.Log(_input, _output);
}
