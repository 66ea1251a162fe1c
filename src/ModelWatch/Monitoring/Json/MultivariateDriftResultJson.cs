using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of a <see cref="MultivariateDriftResult"/>.</summary>
internal sealed class MultivariateDriftResultJson : WriteOnlyJsonConverter<MultivariateDriftResult>
{
    /// <summary>
    /// Writes <c>{ "reconstructionError", "samplingError", "lowerConfidenceBound", "upperConfidenceBound",
    /// "lowerThreshold", "upperThreshold", "isDrift", "isCalibrating", "rows", "skippedRows", "componentCount" }</c>.
    /// </summary>
    public static void Write(Utf8JsonWriter writer, MultivariateDriftResult result)
    {
        var error = result.ReconstructionError;
        writer.WriteStartObject();
        writer.WriteFinite("reconstructionError", error.Value);
        writer.WriteFinite("samplingError", error.SamplingError);
        writer.WriteFinite("lowerConfidenceBound", error.LowerConfidenceBound);
        writer.WriteFinite("upperConfidenceBound", error.UpperConfidenceBound);
        writer.WriteFinite("lowerThreshold", error.LowerThreshold);
        writer.WriteFinite("upperThreshold", error.UpperThreshold);
        writer.WriteBoolean("isDrift", result.IsDrift);
        writer.WriteBoolean("isCalibrating", result.IsCalibrating);
        writer.WriteNumber("rows", result.Rows);
        writer.WriteNumber("skippedRows", result.SkippedRows);
        writer.WriteNumber("componentCount", result.ComponentCount);
        writer.WriteEndObject();
    }

    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, MultivariateDriftResult value) => Write(writer, value);
}
