using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="QualityBreach"/>.</summary>
internal sealed class QualityBreachJson : WriteOnlyJsonConverter<QualityBreach>
{
    /// <summary>Writes <c>{ "metric", "value", "limit", "baseline" }</c>.</summary>
    public static void Write(Utf8JsonWriter writer, QualityBreach b)
    {
        writer.WriteStartObject();
        writer.WriteWord("metric", b.Metric);
        writer.WriteFinite("value", b.Value);
        writer.WriteFinite("limit", b.Limit);
        writer.WriteFinite("baseline", b.Baseline);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, QualityBreach value) => Write(writer, value);
}
