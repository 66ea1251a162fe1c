using Microsoft.ML.Data;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>One day of Seattle weather as ML.NET reads it: four float features and the label.</summary>
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

    /// <summary>The label (drizzle, fog, rain, snow, sun): a column of the training data, not a feature.</summary>
    [ColumnName("weather")]
    public string Weather { get; set; } = "";
}
