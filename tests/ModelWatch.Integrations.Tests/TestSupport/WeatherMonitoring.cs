using Microsoft.Extensions.DependencyInjection;
using ModelWatch.ML;
using ModelWatch.Monitoring;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>The monitoring set-up shared by the ML.NET and ONNX tests: the features, options and a real ModelWatch host.</summary>
internal static class WeatherMonitoring
{
    public static readonly string[] Features = ["precipitation", "temp_max", "temp_min", "wind"];

    /// <summary>The label column "weather" is in the input class (the trainer reads it) but is no feature.</summary>
    public static MLMonitoringOptions Options()
    {
        var options = new MLMonitoringOptions();
        options.ExcludedColumns.Add("weather");
        return options;
    }

    /// <summary>
    /// A ModelWatch host with the model "weather" watched in windows of one year of days, so that
    /// one evaluation after a replayed year compares that year with the reference.
    /// </summary>
    public static ServiceProvider Host(ReferenceProfile reference, Action<ModelBuilder> features)
    {
        var services = new ServiceCollection();
        services.AddModelWatch().AddModel("weather", m =>
        {
            features(m);
            m.Prediction(PredictionKind.Categorical).Reference(reference).WindowByCount(365);
        });
        return services.BuildServiceProvider(new ServiceProviderOptions { ValidateOnBuild = true, ValidateScopes = true });
    }
}
