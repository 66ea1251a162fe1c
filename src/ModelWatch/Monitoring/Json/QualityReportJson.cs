using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="QualityReport"/>.</summary>
internal sealed class QualityReportJson : WriteOnlyJsonConverter<QualityReport>
{
    /// <summary>
    /// Writes the window header with <c>"basis"</c> as its word, then <c>"predictions", "task", "outcomes",
    /// "metrics", "estimated" (an object, or null), "breaches", "conceptDrift", "isDegraded"</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, QualityReport report)
    {
        writer.WriteStartObject();
        WindowReportJson.WriteModel(writer, report);
        writer.WriteWord("basis", report.Basis);
        if (report.Segment is { } segment)
        {
            writer.WriteString("segment", segment);
        }

        WindowReportJson.WriteWindow(writer, report);
        writer.WriteNumber("predictions", report.Predictions);
        writer.WriteWord("task", report.Metrics.Task);
        writer.WriteNumber("outcomes", report.Metrics.Outcomes);
        writer.WritePropertyName("metrics");
        QualityMetricsJson.Write(writer, report.Metrics);
        if (report.Estimated is { } estimated)
        {
            writer.WritePropertyName("estimated");
            EstimatedPerformanceJson.Write(writer, estimated);
        }
        else
        {
            writer.WriteNull("estimated");
        }

        writer.WriteStartArray("breaches");
        foreach (var breach in report.Breaches.AsSpan())
        {
            QualityBreachJson.Write(writer, breach);
        }

        writer.WriteEndArray();
        writer.WriteBoolean("conceptDrift", report.ConceptDrift);
        writer.WriteBoolean("isDegraded", report.IsDegraded);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, QualityReport value) => Write(writer, value);
}
