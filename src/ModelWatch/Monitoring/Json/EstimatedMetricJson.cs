using System.Text.Json;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>The JSON shape of an <see cref="EstimatedMetric"/> (see <see cref="EstimatedPerformanceJson.WriteMetric"/>).</summary>
internal sealed class EstimatedMetricJson : WriteOnlyJsonConverter<EstimatedMetric>
{
    /// <inheritdoc/>
    protected override void WriteValue(Utf8JsonWriter writer, EstimatedMetric value) => EstimatedPerformanceJson.WriteMetric(writer, value);
}
