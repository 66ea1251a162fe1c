using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of an <see cref="EstimatedPerformance"/> and its <see cref="EstimatedMetric"/>s.</summary>
internal sealed class EstimatedPerformanceJson : WriteOnlyJsonConverter<EstimatedPerformance>
{
    /// <summary>
    /// Writes <c>"rows", "fromReference", "isDegraded", "metrics"</c>; each metric as <c>"metric"</c> (its word,
    /// e.g. <c>"f1"</c>), <c>"value", "samplingError", "lowerConfidenceBound", "upperConfidenceBound",
    /// "lowerThreshold", "upperThreshold", "alert", "isDrop", "binningErrorBound"</c> (absent values as null).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, EstimatedPerformance estimated)
    {
        writer.WriteStartObject();
        writer.WriteNumber("rows", estimated.Rows);
        writer.WriteBoolean("fromReference", estimated.FromReference);
        writer.WriteBoolean("isDegraded", estimated.IsDegraded);
        writer.WriteStartArray("metrics");
        foreach (var m in estimated.Metrics.AsSpan())
        {
            WriteMetric(writer, m);
        }

        writer.WriteEndArray();
        writer.WriteEndObject();
    }

    /// <summary>Writes one estimated metric.</summary>
    public static void WriteMetric(Utf8JsonWriter writer, EstimatedMetric m)
    {
        writer.WriteStartObject();
        writer.WriteWord("metric", m.Metric);
        writer.WriteFinite("value", m.Value);
        writer.WriteFinite("samplingError", m.SamplingError);
        writer.WriteFinite("lowerConfidenceBound", m.LowerConfidenceBound);
        writer.WriteFinite("upperConfidenceBound", m.UpperConfidenceBound);
        writer.WriteFinite("lowerThreshold", m.LowerThreshold);
        writer.WriteFinite("upperThreshold", m.UpperThreshold);
        writer.WriteBoolean("alert", m.Alert);
        writer.WriteBoolean("isDrop", m.IsDrop);
        writer.WriteFinite("binningErrorBound", m.BinningErrorBound);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, EstimatedPerformance value) => Write(writer, value);
}
