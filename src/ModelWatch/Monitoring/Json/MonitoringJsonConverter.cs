using System.Text.Json;
using System.Text.Json.Serialization;
using ModelWatch.Drift;

namespace ModelWatch.Monitoring;

/// <summary>
/// The System.Text.Json converter of the runtime's results: reports (<see cref="DriftReport"/>,
/// <see cref="QualityReport"/>, a <see cref="WindowReport"/> by its runtime type), their parts
/// (<see cref="FeatureDriftReport"/>, <see cref="QualityMetrics"/>, <see cref="ClassQuality"/>,
/// <see cref="QualityBreach"/>, <see cref="MultivariateDriftResult"/>), alerts (<see cref="ModelAlert"/>, <see cref="DriftAlert"/>,
/// <see cref="QualityAlert"/>) and their enumerations. ModelWatch attaches it to those types with
/// <see cref="JsonConverterAttribute"/>: you never register it. It is public so that a source-generated
/// <see cref="JsonSerializerContext"/> in your assembly (Native AOT) can use it too.
/// </summary>
/// <remarks>
/// <c>JsonSerializer.Serialize(report)</c> with any options, and a report returned from a minimal-API
/// endpoint, write the shape of the ASP.NET Core package's <c>/api/models/{model}</c> endpoint: camelCase
/// properties in a fixed order, times as ISO 8601, enumerations as camelCase words, numbers that are not
/// finite (the NaN mean of an empty window) as <c>null</c>. The serializer's naming policy, number handling
/// and ignore conditions do not change it; its indentation and encoder apply. Reports and alerts are
/// written, not read: deserializing one throws <see cref="NotSupportedException"/>; enumerations are read
/// from their words.
/// </remarks>
public sealed class MonitoringJsonConverter : JsonConverterFactory
{
    /// <inheritdoc/>
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert == typeof(DriftReport) || typeToConvert == typeof(QualityReport) || typeToConvert == typeof(WindowReport)
        || typeToConvert == typeof(FeatureDriftReport) || typeToConvert == typeof(QualityMetrics)
        || typeToConvert == typeof(ClassQuality) || typeToConvert == typeof(QualityBreach)
        || typeToConvert == typeof(EstimatedPerformance) || typeToConvert == typeof(EstimatedMetric)
        || typeToConvert == typeof(MultivariateDriftResult)
        || typeToConvert == typeof(ModelAlert) || typeToConvert == typeof(DriftAlert) || typeToConvert == typeof(QualityAlert)
        || typeToConvert == typeof(DriftReportStatus) || typeToConvert == typeof(QualityWindowBasis)
        || typeToConvert == typeof(ModelTask) || typeToConvert == typeof(QualityMetric) || typeToConvert == typeof(DriftAlertKind);

    /// <inheritdoc/>
    public override JsonConverter? CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        typeToConvert == typeof(DriftReport) ? new DriftReportJson()
        : typeToConvert == typeof(QualityReport) ? new QualityReportJson()
        : typeToConvert == typeof(WindowReport) ? new WindowReportJson()
        : typeToConvert == typeof(FeatureDriftReport) ? new FeatureDriftReportJson()
        : typeToConvert == typeof(QualityMetrics) ? new QualityMetricsJson()
        : typeToConvert == typeof(ClassQuality) ? new ClassQualityJson()
        : typeToConvert == typeof(QualityBreach) ? new QualityBreachJson()
        : typeToConvert == typeof(EstimatedPerformance) ? new EstimatedPerformanceJson()
        : typeToConvert == typeof(EstimatedMetric) ? new EstimatedMetricJson()
        : typeToConvert == typeof(MultivariateDriftResult) ? new MultivariateDriftResultJson()
        : typeToConvert == typeof(ModelAlert) ? new ModelAlertJson<ModelAlert>()
        : typeToConvert == typeof(DriftAlert) ? new ModelAlertJson<DriftAlert>()
        : typeToConvert == typeof(QualityAlert) ? new ModelAlertJson<QualityAlert>()
        : typeToConvert == typeof(DriftReportStatus) ? DriftJsonConverter.EnumWords<DriftReportStatus>(options)
        : typeToConvert == typeof(QualityWindowBasis) ? DriftJsonConverter.EnumWords<QualityWindowBasis>(options)
        : typeToConvert == typeof(ModelTask) ? DriftJsonConverter.EnumWords<ModelTask>(options)
        : typeToConvert == typeof(QualityMetric) ? DriftJsonConverter.EnumWords<QualityMetric>(options)
        : typeToConvert == typeof(DriftAlertKind) ? DriftJsonConverter.EnumWords<DriftAlertKind>(options)
        : throw new ArgumentException($"{typeToConvert} is not a monitoring result type.", nameof(typeToConvert));
}
