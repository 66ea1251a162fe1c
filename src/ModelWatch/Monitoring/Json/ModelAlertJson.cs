using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of the alerts: a <see cref="ModelAlert"/> is written by its runtime type.</summary>
/// <typeparam name="TAlert"><see cref="ModelAlert"/>, <see cref="DriftAlert"/> or <see cref="QualityAlert"/>.</typeparam>
/// <remarks>
/// <c>{ "type": "drift" | "quality", "modelName", "modelVersion", "kind": "raised" | "cleared", "at", … }</c>,
/// then a drift alert's <c>"driftedFeatures"</c> or a quality alert's <c>"reasons"</c>, and the
/// <c>"report"</c> of the window that changed the alert's state. <c>"type"</c> tells a list of alerts apart.
/// </remarks>
internal sealed class ModelAlertJson<TAlert> : WriteOnlyJsonConverter<TAlert>
    where TAlert : ModelAlert
{
    /// <summary>Writes an alert of either kind.</summary>
    public static void Write(Utf8JsonWriter writer, ModelAlert alert)
    {
        writer.WriteStartObject();
        writer.WriteString("type", alert switch
        {
            DriftAlert => "drift",
            QualityAlert => "quality",
            _ => throw new NotSupportedException($"{alert.GetType().Name} is not a ModelWatch alert type."),
        });
        writer.WriteString("modelName", alert.ModelName);
        writer.WriteString("modelVersion", alert.ModelVersion);
        writer.WriteWord("kind", alert.Kind);
        writer.WriteString("at", alert.At);
        switch (alert)
        {
            case DriftAlert drift:
                if (drift.Segment is { } segment)
                {
                    writer.WriteString("segment", segment);
                }

                if (drift.DriftedSegmentShare is double share)
                {
                    writer.WriteNumber("driftedSegmentShare", share);
                }

                writer.WriteArray("driftedFeatures", drift.DriftedFeatures.AsSpan());
                writer.WritePropertyName("report");
                DriftReportJson.Write(writer, drift.Report);
                break;
            case QualityAlert quality:
                if (quality.Segment is { } qualitySegment)
                {
                    writer.WriteString("segment", qualitySegment);
                }

                writer.WriteBoolean("isEstimated", quality.IsEstimated);
                writer.WriteArray("reasons", quality.Reasons.AsSpan());
                writer.WritePropertyName("report");
                QualityReportJson.Write(writer, quality.Report);
                break;
        }

        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, TAlert value) => Write(writer, value);
}
