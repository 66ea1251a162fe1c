using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="FeatureDriftReport"/> (one column of a drift report).</summary>
internal sealed class FeatureDriftReportJson : WriteOnlyJsonConverter<FeatureDriftReport>
{
    /// <summary>
    /// Writes <c>{ "name", "kind", "isPrediction", "isDrift", "verdict", "detectors", "counts", "mean",
    /// "standardDeviation", "min", "max", "binEdges", "categories", "referenceCounts", "currentCounts" }</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, FeatureDriftReport f)
    {
        writer.WriteStartObject();
        writer.WriteString("name", f.Name);
        writer.WriteWord("kind", f.Kind);
        writer.WriteBoolean("isPrediction", f.IsPrediction);
        writer.WriteBoolean("isDrift", f.IsDrift);
        if (f.Verdict is { } verdict)
        {
            writer.WritePropertyName("verdict");
            DriftResultJson.Write(writer, verdict);
        }
        else
        {
            writer.WriteNull("verdict");
        }

        writer.WriteStartArray("detectors");
        foreach (var detector in f.Detectors.AsSpan())
        {
            DriftResultJson.Write(writer, detector);
        }

        writer.WriteEndArray();
        writer.WriteStartObject("counts");
        writer.WriteNumber("count", f.Count);
        writer.WriteNumber("missing", f.MissingCount);
        writer.WriteNumber("nonFinite", f.NonFiniteCount);
        writer.WriteNumber("outOfRange", f.OutOfRangeCount);
        writer.WriteNumber("unseen", f.UnseenCount);
        writer.WriteEndObject();
        writer.WriteFinite("mean", f.Mean);
        writer.WriteFinite("standardDeviation", f.StandardDeviation);
        writer.WriteFinite("min", f.Min);
        writer.WriteFinite("max", f.Max);
        writer.WriteFiniteArray("binEdges", f.BinEdges.AsSpan());
        writer.WriteArray("categories", f.Categories.AsSpan());
        writer.WriteArray("referenceCounts", f.ReferenceCounts.AsSpan());
        writer.WriteArray("currentCounts", f.CurrentCounts.AsSpan());
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, FeatureDriftReport value) => Write(writer, value);
}
