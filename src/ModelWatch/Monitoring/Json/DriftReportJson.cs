using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="DriftReport"/>.</summary>
internal sealed class DriftReportJson : WriteOnlyJsonConverter<DriftReport>
{
    /// <summary>
    /// Writes the window header with <c>"status"</c> as its word, then <c>"isDrift", "isPredictionDrift",
    /// "dataset", "multivariate", "dataQuality", "meanLatencySeconds", "maxLatencySeconds", "features"</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, DriftReport report)
    {
        writer.WriteStartObject();
        WindowReportJson.WriteModel(writer, report);
        writer.WriteWord("status", report.Status);
        WindowReportJson.WriteWindow(writer, report);
        writer.WriteBoolean("isDrift", report.IsDrift);
        writer.WriteBoolean("isPredictionDrift", report.IsPredictionDrift);
        if (report.Dataset is { } dataset)
        {
            writer.WritePropertyName("dataset");
            DatasetDriftResultJson.Write(writer, dataset);
        }
        else
        {
            writer.WriteNull("dataset");
        }

        if (report.Multivariate is { } multivariate)
        {
            writer.WritePropertyName("multivariate");
            MultivariateDriftResultJson.Write(writer, multivariate);
        }
        else
        {
            writer.WriteNull("multivariate");
        }

        WriteDataQuality(writer, report);
        writer.WriteFinite("meanLatencySeconds", report.MeanLatencySeconds);
        writer.WriteFinite("maxLatencySeconds", report.MaxLatencySeconds);
        writer.WriteStartArray("features");
        foreach (var feature in report.Features.AsSpan())
        {
            FeatureDriftReportJson.Write(writer, feature);
        }

        writer.WriteEndArray();
        SegmentJson.WriteSegments(writer, report);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, DriftReport value) => Write(writer, value);

    /// <summary>
    /// Writes <c>"dataQuality": { "predictions", "schemaViolations", "failedPredictions", "missing",
    /// "nonFinite", "outOfRange", "unseen" }</c>, the per-column counts summed over the columns.
    /// </summary>
    private static void WriteDataQuality(Utf8JsonWriter writer, DriftReport report)
    {
        long missing = 0, nonFinite = 0, outOfRange = 0, unseen = 0;
        foreach (var f in report.Features.AsSpan())
        {
            missing += f.MissingCount;
            nonFinite += f.NonFiniteCount;
            outOfRange += f.OutOfRangeCount;
            unseen += f.UnseenCount;
        }

        writer.WriteStartObject("dataQuality");
        writer.WriteNumber("predictions", report.Predictions);
        writer.WriteNumber("schemaViolations", report.SchemaViolations);
        writer.WriteNumber("failedPredictions", report.FailedPredictions);
        writer.WriteNumber("missing", missing);
        writer.WriteNumber("nonFinite", nonFinite);
        writer.WriteNumber("outOfRange", outOfRange);
        writer.WriteNumber("unseen", unseen);
        writer.WriteEndObject();
    }
}
