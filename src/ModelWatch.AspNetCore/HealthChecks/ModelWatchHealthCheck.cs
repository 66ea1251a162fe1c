using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.HealthChecks;

/// <summary>
/// Reports the worst state over the checked models: healthy without alerts, the configured state
/// while a drift or quality alert is active. <see cref="HealthCheckResult.Data"/> holds one entry per
/// model (its name), a dictionary of <c>version</c>, <c>status</c>, <c>driftAlert</c>,
/// <c>qualityAlert</c>, <c>drift</c> (the latest window's dataset verdict, or null before one) and
/// <c>driftedFeatures</c>.
/// </summary>
internal sealed class ModelWatchHealthCheck(IModelWatch watch, IOptionsMonitor<ModelWatchHealthCheckOptions> options) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var settings = options.Get(context.Registration.Name);
        var names = settings.Models.Count > 0 ? [.. settings.Models] : Current(watch);
        var worst = HealthStatus.Healthy;
        var data = new Dictionary<string, object>(StringComparer.Ordinal);
        var alerting = new List<string>();
        foreach (string name in names)
        {
            var model = watch.Models.FirstOrDefault(m => m.IsCurrent && m.Name == name);
            if (model.Name is null)
            {
                // Validated at start-up; reaching here means the check runs without a started host.
                data[name] = new Dictionary<string, object?> { ["status"] = nameof(HealthStatus.Unhealthy), ["error"] = "unknown model" };
                worst = HealthStatus.Unhealthy;
                alerting.Add($"{name} (unknown model)");
                continue;
            }

            bool driftAlert = watch.IsAlertActive(name);
            bool qualityAlert = watch.IsQualityAlertActive(name);
            var status = HealthStatus.Healthy;
            status = driftAlert ? Worse(status, settings.DriftAlertStatus) : status;
            status = qualityAlert ? Worse(status, settings.QualityAlertStatus) : status;
            worst = Worse(worst, status);
            var latest = watch.GetLatestReport(name);
            data[name] = new Dictionary<string, object?>
            {
                ["version"] = model.Version,
                ["status"] = status.ToString(),
                ["driftAlert"] = driftAlert,
                ["qualityAlert"] = qualityAlert,
                ["drift"] = latest is { Status: DriftReportStatus.Evaluated } ? latest.IsDrift : null,
                ["driftedFeatures"] = latest is null ? Array.Empty<string>() : [.. latest.Features.Where(f => f.IsDrift).Select(f => f.Name)],
            };
            if (driftAlert || qualityAlert)
            {
                alerting.Add($"{name} ({(driftAlert && qualityAlert ? "drift and quality alerts" : driftAlert ? "drift alert" : "quality alert")})");
            }
        }

        string description = alerting.Count == 0
            ? $"{names.Count} model(s), no active alert."
            : $"Active alerts: {string.Join(", ", alerting)}.";
        return Task.FromResult(new HealthCheckResult(worst, description, data: data));
    }

    private static List<string> Current(IModelWatch watch) => [.. watch.Models.Where(m => m.IsCurrent).Select(m => m.Name)];

    // HealthStatus orders Unhealthy (0) < Degraded (1) < Healthy (2).
    private static HealthStatus Worse(HealthStatus a, HealthStatus b) => a < b ? a : b;
}
