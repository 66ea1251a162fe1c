using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;

namespace ModelWatch.AspNetCore.HealthChecks;

/// <summary>
/// Checks the health check's settings at start-up, every problem listed: defined states, and model
/// names that are monitored (a typo would otherwise leave a model unchecked and the check green).
/// </summary>
/// <remarks>The registry is resolved lazily: validators are built before anything needs the engine.</remarks>
internal sealed class ModelWatchHealthCheckOptionsValidator(IServiceProvider services) : IValidateOptions<ModelWatchHealthCheckOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelWatchHealthCheckOptions options)
    {
        var problems = new List<string>();
        if (!Enum.IsDefined(options.DriftAlertStatus))
        {
            problems.Add($"Health check '{name}': DriftAlertStatus {(int)options.DriftAlertStatus} is not a HealthStatus.");
        }

        if (!Enum.IsDefined(options.QualityAlertStatus))
        {
            problems.Add($"Health check '{name}': QualityAlertStatus {(int)options.QualityAlertStatus} is not a HealthStatus.");
        }

        if (options.Models.Count > 0)
        {
            var watch = services.GetService<IModelWatch>();
            if (watch is null)
            {
                problems.Add($"Health check '{name}': ModelWatch is not registered; call services.AddModelWatch() and declare the models.");
            }
            else
            {
                var known = watch.Models.Select(m => m.Name).ToHashSet(StringComparer.Ordinal);
                foreach (string model in options.Models)
                {
                    if (!known.Contains(model))
                    {
                        problems.Add($"Health check '{name}': no model named '{model}' is monitored (monitored: {string.Join(", ", known.Order(StringComparer.Ordinal))}).");
                    }
                }
            }
        }

        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
