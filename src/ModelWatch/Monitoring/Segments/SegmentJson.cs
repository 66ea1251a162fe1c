using System.Text.Json;
using System.Text.Json.Serialization;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The JSON shape of a report's segment parts: <c>"segment"</c> (a segment's own report),
/// <c>"driftedSegmentShare"</c> and <c>"segments": [{ "name", "status", "reference", "predictions",
/// "isDrift", "driftedFeatures", "smallestAdjustedPValue", "estimated"?, "quality"?, "multivariate"? }]</c> (a segmented model's report; each
/// segment's own report is served on its own, not nested).
/// </summary>
internal static class SegmentJson
{
    /// <summary>Writes the segment properties of a drift report (nothing for an unsegmented model's).</summary>
    public static void WriteSegments(Utf8JsonWriter writer, DriftReport report)
    {
        if (report.Segment is { } segment)
        {
            writer.WriteString("segment", segment);
        }

        if (report.Segments.IsEmpty)
        {
            return;
        }

        writer.WriteFinite("driftedSegmentShare", report.DriftedSegmentShare);
        writer.WriteStartArray("segments");
        foreach (var result in report.Segments)
        {
            Write(writer, result);
        }

        writer.WriteEndArray();
    }

    /// <summary>Writes one segment's result.</summary>
    public static void Write(Utf8JsonWriter writer, SegmentDriftResult result)
    {
        writer.WriteStartObject();
        writer.WriteString("name", result.Name);
        writer.WriteWord("status", result.Status);
        writer.WriteWord("reference", result.Reference);
        writer.WriteNumber("predictions", result.Predictions);
        writer.WriteBoolean("isDrift", result.IsDrift);
        writer.WriteArray("driftedFeatures", result.DriftedFeatures.AsSpan());
        writer.WriteFinite("smallestAdjustedPValue", result.SmallestAdjustedPValue);
        if (result.Estimated is { } estimated)
        {
            writer.WritePropertyName("estimated");
            EstimatedPerformanceJson.Write(writer, estimated);
        }

        if (result.Report.Multivariate is { } multivariate)
        {
            writer.WritePropertyName("multivariate");
            MultivariateDriftResultJson.Write(writer, multivariate);
        }

        if (result.Quality is { } quality)
        {
            writer.WritePropertyName("quality");
            QualityMetricsJson.Write(writer, quality);
        }

        writer.WriteEndObject();
    }
}

/// <summary>Serializes the segment types in the shapes of <see cref="SegmentJson"/> (write-only, like every monitoring result).</summary>
internal sealed class SegmentJsonConverter : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(SegmentDriftResult) || typeToConvert == typeof(SegmentStatus) || typeToConvert == typeof(SegmentReferenceBasis);

    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(SegmentDriftResult) ? new ResultJson()
        : typeToConvert == typeof(SegmentStatus) ? DriftJsonConverter.EnumWords<SegmentStatus>(options)
        : typeToConvert == typeof(SegmentReferenceBasis) ? DriftJsonConverter.EnumWords<SegmentReferenceBasis>(options)
        : throw new ArgumentException($"{typeToConvert} is not a segment type.", nameof(typeToConvert));

    private sealed class ResultJson : WriteOnlyJsonConverter<SegmentDriftResult>
    {
        protected override void WriteValue(Utf8JsonWriter writer, SegmentDriftResult value) => SegmentJson.Write(writer, value);
    }
}
