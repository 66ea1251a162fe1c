using Microsoft.Extensions.DependencyInjection;
using ModelWatch.Integrations.Tests.TestSupport;
using ModelWatch.ML;
using ModelWatch.Monitoring;

namespace ModelWatch.Integrations.Benchmarks;

/// <summary>A real ModelWatch host watching the weather model (four features, a class), as an application registers it.</summary>
internal static class WatchedWeatherModel
{
    public static MLMonitoringOptions Options()
    {
        var options = new MLMonitoringOptions();
        options.ExcludedColumns.Add("weather");
        return options;
    }

    public static (ServiceProvider Host, IModelMonitor Monitor) Create()
    {
        // The reference comes from the training data, in the one line an application would write.
        var reference = MLReferenceProfile.FromDataView<WeatherInput, WeatherPrediction>(
            WeatherModels.Context, WeatherModels.Training, WeatherModels.Transformer, PredictionKind.Categorical, Options());
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("weather", m => m.Features<WeatherInput>(Options()).Prediction(PredictionKind.Categorical).Reference(reference));
        var host = services.BuildServiceProvider();
        return (host, host.GetRequiredService<IModelWatch>().GetMonitor("weather"));
    }
}
