using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelWatch.AspNetCore.HealthChecks;

#pragma warning disable IDE0130 // Beside AddHealthChecks and AddCheck, so it needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Adds the ModelWatch health check: <c>services.AddHealthChecks().AddModelWatch()</c>.</summary>
public static class ModelWatchHealthChecksBuilderExtensions
{
    /// <summary>The default registration name of the check.</summary>
    public const string DefaultName = "modelwatch";

    /// <summary>Adds a check of every model: healthy, degraded while a drift alert is active, unhealthy while a quality alert is active.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddModelWatch(this IHealthChecksBuilder builder) => builder.AddModelWatch(DefaultName, _ => { });

    /// <summary>Adds a check configured by <paramref name="configure"/>, named <see cref="DefaultName"/>.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="configure">Changes the states reported for alerts and which models are checked.</param>
    /// <returns>The builder.</returns>
    public static IHealthChecksBuilder AddModelWatch(this IHealthChecksBuilder builder, Action<ModelWatchHealthCheckOptions> configure) =>
        builder.AddModelWatch(DefaultName, configure);

    /// <summary>Adds a named check, e.g. one per group of models, with tags to filter health endpoints by.</summary>
    /// <param name="builder">The health checks builder.</param>
    /// <param name="name">The check's name (also the name of its options).</param>
    /// <param name="configure">Changes the states reported for alerts and which models are checked.</param>
    /// <param name="tags">Tags of the check, e.g. <c>["ready"]</c>.</param>
    /// <returns>The builder.</returns>
    /// <remarks>
    /// The settings are validated when the host starts: an undefined state, or a name in
    /// <see cref="ModelWatchHealthCheckOptions.Models"/> that is not a monitored model, stops the host
    /// with every problem listed. A check that throws reports <see cref="HealthStatus.Unhealthy"/>.
    /// </remarks>
    /// <exception cref="ArgumentNullException">An argument other than <paramref name="tags"/> is null.</exception>
    public static IHealthChecksBuilder AddModelWatch(this IHealthChecksBuilder builder, string name, Action<ModelWatchHealthCheckOptions> configure, IEnumerable<string>? tags = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(configure);
        builder.Services.AddOptions<ModelWatchHealthCheckOptions>(name).Configure(configure).ValidateOnStart();
        builder.Services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelWatchHealthCheckOptions>, ModelWatchHealthCheckOptionsValidator>());
        return builder.Add(new HealthCheckRegistration(
            name,
            sp => new ModelWatchHealthCheck(sp.GetRequiredService<ModelWatch.Monitoring.IModelWatch>(), sp.GetRequiredService<IOptionsMonitor<ModelWatchHealthCheckOptions>>()),
            failureStatus: null,
            tags));
    }
}
