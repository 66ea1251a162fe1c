using Microsoft.ML.Data;
using ModelWatch.Samples;

namespace ModelWatch.IntegrationsSample;

/// <summary>One day as the model reads it: four float columns, which ModelWatch.ML monitors, and the label.</summary>
public sealed class WeatherInput
{
    [ColumnName("precipitation")]
    public float Precipitation { get; set; }

    [ColumnName("temp_max")]
    public float TempMax { get; set; }

    [ColumnName("temp_min")]
    public float TempMin { get; set; }

    [ColumnName("wind")]
    public float Wind { get; set; }

    /// <summary>
    /// The label the trainer reads (drizzle, fog, rain, snow, sun). Named "Label", ML.NET's default,
    /// which both wrappers leave out by default; a label named otherwise is excluded by name
    /// (MLMonitoringOptions.ExcludedColumns, OnnxMonitoringOptions.ExcludedInputs).
    /// </summary>
    [ColumnName("Label")]
    public string Weather { get; set; } = "";

    public static WeatherInput From(WeatherDay day) => new()
    {
        Precipitation = (float)day.Precipitation,
        TempMax = (float)day.TempMax,
        TempMin = (float)day.TempMin,
        Wind = (float)day.Wind,
        Weather = day.Weather,
    };
}
