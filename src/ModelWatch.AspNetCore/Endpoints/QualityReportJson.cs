using System.Text.Json.Serialization;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>A <see cref="Monitoring.QualityReport"/>.</summary>
internal sealed record QualityReportJson : WindowReportJson
{
    public QualityReportJson(QualityReport report)
        : base(report)
    {
    }

    [JsonPropertyOrder(WordOrder)]
    public required string Basis { get; init; }

    public required long Predictions { get; init; }

    public required string Task { get; init; }

    public required long Outcomes { get; init; }

    public required QualityMetricsJson Metrics { get; init; }

    public required double? EstimatedAccuracy { get; init; }

    public required IReadOnlyList<QualityBreachJson> Breaches { get; init; }

    public required bool ConceptDrift { get; init; }

    public required bool IsDegraded { get; init; }
}
