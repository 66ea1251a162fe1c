using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using ModelWatch.Samples;

namespace ModelWatch.Integrations.Tests.TestSupport;

/// <summary>Days as the inputs of the weather model exported from ML.NET: one [batch, 1] tensor per column.</summary>
internal static class WeatherTensors
{
    public static List<NamedOnnxValue> Inputs(IReadOnlyList<WeatherDay> days) =>
    [
        Column("precipitation", days, d => (float)d.Precipitation),
        Column("temp_max", days, d => (float)d.TempMax),
        Column("temp_min", days, d => (float)d.TempMin),
        Column("wind", days, d => (float)d.Wind),
        NamedOnnxValue.CreateFromTensor("weather", new DenseTensor<string>(days.Select(d => d.Weather).ToArray(), [days.Count, 1])),
    ];

    public static float[] Values(IReadOnlyList<WeatherDay> days, Func<WeatherDay, float> value) => [.. days.Select(value)];

    private static NamedOnnxValue Column(string name, IReadOnlyList<WeatherDay> days, Func<WeatherDay, float> value) =>
        NamedOnnxValue.CreateFromTensor(name, new DenseTensor<float>(Values(days, value), [days.Count, 1]));
}
