using System.Text.Json.Serialization;

namespace ModelWatch.SampleApi;

/// <summary>The body of <c>POST /predict</c>; a missing value is a bad request.</summary>
internal sealed record WeatherRequest(
    [property: JsonPropertyName("precipitation")] double? Precipitation,
    [property: JsonPropertyName("temp_max")] double? TempMax,
    [property: JsonPropertyName("temp_min")] double? TempMin,
    [property: JsonPropertyName("wind")] double? Wind);

/// <summary>The answer of <c>POST /predict</c>: the most probable weather and its probability.</summary>
internal sealed record WeatherResponse(
    [property: JsonPropertyName("weather")] string Weather,
    [property: JsonPropertyName("probability")] double Probability);
