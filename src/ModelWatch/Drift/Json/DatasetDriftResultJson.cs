using System.Text.Json;

namespace ModelWatch.Drift;

/// <summary>The JSON shape of a <see cref="DatasetDriftResult"/> (the dataset-level verdict).</summary>
internal sealed class DatasetDriftResultJson : WriteOnlyJsonConverter<DatasetDriftResult>
{
    /// <summary>Writes <c>{ "featureCount", "driftedCount", "driftedShare", "shareThreshold", "isDrift", "correction" }</c>.</summary>
    public static void Write(Utf8JsonWriter writer, in DatasetDriftResult d)
    {
        writer.WriteStartObject();
        writer.WriteNumber("featureCount", d.FeatureCount);
        writer.WriteNumber("driftedCount", d.DriftedCount);
        writer.WriteFinite("driftedShare", d.DriftedShare);
        writer.WriteFinite("shareThreshold", d.ShareThreshold);
        writer.WriteBoolean("isDrift", d.IsDrift);
        writer.WriteWord("correction", d.Correction);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, DatasetDriftResult value) => Write(writer, value);
}
