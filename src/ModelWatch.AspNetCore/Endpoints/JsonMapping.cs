using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.Endpoints;

/// <summary>
/// Builds the endpoints' own JSON shapes from a <see cref="ModelView"/>. Reports are not mapped: they are
/// written by the converters ModelWatch attaches to them (<see cref="MonitoringJsonConverter"/>), the shape
/// an application's own endpoint returning a report also gets.
/// </summary>
internal static class JsonMapping
{
    public static ModelSummaryJson Summary(ModelView model)
    {
        var latest = model.Latest;
        return new ModelSummaryJson(
            model.Name,
            model.CurrentVersion,
            model.Versions,
            model.Status,
            latest is { Status: DriftReportStatus.Evaluated } ? latest.IsDrift : null,
            latest is null ? [] : [.. latest.Features.Where(f => f.IsDrift).Select(f => f.Name)],
            new AlertsJson(model.DriftAlert, model.QualityAlert),
            latest?.EvaluatedAt,
            latest?.Predictions,
            model.AlertingSegments);
    }
}
