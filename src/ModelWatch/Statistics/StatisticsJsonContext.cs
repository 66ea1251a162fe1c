using System.Text.Json.Serialization;

namespace ModelWatch.Statistics;

/// <summary>
/// Source-generated System.Text.Json metadata for the statistics snapshots (AOT- and trim-safe).
/// Internal: the public surface is <see cref="StatisticsJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull)]
[JsonSerializable(typeof(MomentsSnapshot))]
[JsonSerializable(typeof(QuantileSketchSnapshot))]
[JsonSerializable(typeof(HistogramSnapshot))]
[JsonSerializable(typeof(CategoryCountsSnapshot))]
internal sealed partial class StatisticsJsonContext : JsonSerializerContext
{
}
