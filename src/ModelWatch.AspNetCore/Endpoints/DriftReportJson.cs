using System.Text.Json.Serialization;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A <see cref="Monitoring.DriftReport"/>.</summary>
internal sealed record DriftReportJson : WindowReportJson
{
    public DriftReportJson(DriftReport report)
        : base(report)
    {
    }

    [JsonPropertyOrder(WordOrder)]
    public required string Status { get; init; }

    public required bool IsDrift { get; init; }

    public required bool IsPredictionDrift { get; init; }

    public required DatasetDriftJson? Dataset { get; init; }

    public required DataQualityJson DataQuality { get; init; }

    public required double? MeanLatencySeconds { get; init; }

    public required double? MaxLatencySeconds { get; init; }

    public required double? EstimatedAccuracy { get; init; }

    public required IReadOnlyList<FeatureDriftJson> Features { get; init; }
}
