using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ModelWatch.AspNetCore.HealthChecks;

/// <summary>How the ModelWatch health check maps alerts to health states.</summary>
public sealed class ModelWatchHealthCheckOptions
{
    /// <summary>Gets or sets the state reported while any checked model has an active drift alert.</summary>
    /// <value>The default value is <see cref="HealthStatus.Degraded"/>: the inputs moved, the service still answers.</value>
    public HealthStatus DriftAlertStatus { get; set; } = HealthStatus.Degraded;

    /// <summary>Gets or sets the state reported while any checked model has an active quality alert.</summary>
    /// <value>The default value is <see cref="HealthStatus.Unhealthy"/>: the model's answers have become wrong.</value>
    public HealthStatus QualityAlertStatus { get; set; } = HealthStatus.Unhealthy;

    /// <summary>
    /// Gets the names of the models to check; empty checks every model (including models added while
    /// the host runs). Every name must be a monitored model: an unknown name stops the host at start-up.
    /// </summary>
    /// <value>The default value is empty (every model).</value>
    public IList<string> Models { get; } = [];
}
