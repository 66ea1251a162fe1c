using System.Text.Json;

namespace ModelWatch.Drift;

/// <summary>The JSON shape of a <see cref="DriftResult"/> (one detector's result).</summary>
internal sealed class DriftResultJson : WriteOnlyJsonConverter<DriftResult>
{
    /// <summary>
    /// Writes <c>{ "detector", "statistic", "pValue", "threshold", "basis", "isDrift", "referenceCount",
    /// "currentCount", "exactness", "statisticBound" }</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, in DriftResult r)
    {
        writer.WriteStartObject();
        writer.WriteString("detector", r.Detector);
        writer.WriteFinite("statistic", r.Statistic);
        writer.WriteFinite("pValue", r.PValue);
        writer.WriteFinite("threshold", r.Threshold);
        writer.WriteWord("basis", r.Basis);
        writer.WriteBoolean("isDrift", r.IsDrift);
        writer.WriteNumber("referenceCount", r.ReferenceCount);
        writer.WriteNumber("currentCount", r.CurrentCount);
        writer.WriteWord("exactness", r.Exactness);
        writer.WriteFinite("statisticBound", r.StatisticBound);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, DriftResult value) => Write(writer, value);
}
