using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="ClassQuality"/>, as <see cref="QualityMetricsJson"/> writes it in <c>"classes"</c>.</summary>
internal sealed class ClassQualityJson : WriteOnlyJsonConverter<ClassQuality>
{
    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, ClassQuality value) => QualityMetricsJson.WriteClass(writer, value);
}
