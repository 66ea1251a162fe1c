using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using ModelWatch.DependencyInjection;
using ModelWatch.Monitoring;
using ModelWatch.Profiles;

#pragma warning disable IDE0130 // The DI entry point lives in the DI namespace so it needs no extra using.
namespace Microsoft.Extensions.DependencyInjection;
#pragma warning restore IDE0130

/// <summary>Registers ModelWatch in a service collection: <c>services.AddModelWatch()</c>.</summary>
public static class ModelWatchServiceCollectionExtensions
{
    /// <summary>Registers ModelWatch with default settings.</summary>
    /// <param name="services">The service collection.</param>
    /// <returns>A builder to add models, alert handlers and retraining triggers.</returns>
    /// <remarks>Calling it again is harmless: services are registered once.</remarks>
    public static IModelWatchBuilder AddModelWatch(this IServiceCollection services)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (!services.Any(d => d.ServiceType == typeof(ModelWatchMarker)))
        {
            services.AddSingleton<ModelWatchMarker>();
            services.TryAddSingleton(TimeProvider.System);
            services.AddOptions<ModelWatchOptions>().ValidateOnStart();
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelWatchOptions>, ModelWatchOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelWatchOptions>, DuplicateModelValidator>());
            services.TryAddSingleton<IReferenceFileReader, ProfileReferenceReader>();
            services.TryAddSingleton<ModelRegistry>();
            services.TryAddSingleton<ModelWatchEngine>();
            services.TryAddSingleton<IModelWatch>(sp => sp.GetRequiredService<ModelWatchEngine>());
            services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, ModelWatchEvaluatorService>());
        }

        return new ModelWatchBuilder(services);
    }

    /// <summary>Registers ModelWatch and changes its global settings.</summary>
    /// <param name="services">The service collection.</param>
    /// <param name="configure">Changes the settings.</param>
    /// <returns>A builder to add models, alert handlers and retraining triggers.</returns>
    public static IModelWatchBuilder AddModelWatch(this IServiceCollection services, Action<ModelWatchOptions> configure)
    {
        ArgumentNullException.ThrowIfNull(configure);
        var builder = services.AddModelWatch();
        services.Configure(configure);
        return builder;
    }

    /// <summary>
    /// Registers ModelWatch from a configuration section (usually <c>configuration.GetSection("ModelWatch")</c>):
    /// global settings from the section, and one model per child of its <c>Models</c> section.
    /// </summary>
    /// <param name="services">The service collection.</param>
    /// <param name="section">The section.</param>
    /// <returns>A builder to add more models, alert handlers and retraining triggers.</returns>
    public static IModelWatchBuilder AddModelWatch(this IServiceCollection services, IConfiguration section)
    {
        ArgumentNullException.ThrowIfNull(section);
        var builder = services.AddModelWatch();
        services.AddOptions<ModelWatchOptions>().Bind(section);
        foreach (var model in section.GetSection("Models").GetChildren())
        {
            builder.AddModel(model.Key, model);
        }

        return builder;
    }
}
