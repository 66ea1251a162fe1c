using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>Finds the monitor a middleware logs into, declaring the model on first use.</summary>
internal static class MonitoredModels
{
    /// <summary>
    /// The monitor of <paramref name="modelName"/>: the model declared elsewhere (it must have
    /// exactly the expected features), or declared here through <see cref="IModelWatch.AddModel"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">ModelWatch is not registered, or the model exists with other features.</exception>
    public static (IModelWatch Registry, IModelMonitor Monitor) GetOrAdd(
        IServiceProvider services, string modelName, string caller, Action<ModelBuilder> declare, Func<ModelSchema, bool> matches)
    {
        if (services.GetService(typeof(IModelWatch)) is not IModelWatch registry)
        {
            throw new InvalidOperationException(
                $"{caller}(\"{modelName}\") needs ModelWatch in the service provider the pipeline is built with: call services.AddModelWatch() and build the pipeline from that provider (AddChatClient/AddEmbeddingGenerator, or Build(serviceProvider)).");
        }

        IModelMonitor monitor;
        if (IsMonitored(registry, modelName))
        {
            monitor = registry.GetMonitor(modelName);
        }
        else
        {
            try
            {
                monitor = registry.AddModel(modelName, declare);
            }
            catch (InvalidOperationException) when (IsMonitored(registry, modelName))
            {
                monitor = registry.GetMonitor(modelName); // another pipeline declared it first
            }
        }

        if (!matches(monitor.Schema))
        {
            throw new InvalidOperationException(
                $"{caller}(\"{modelName}\"): the model is already monitored with other features ({string.Join(", ", monitor.Schema.NumericFeatures.Concat(monitor.Schema.CategoricalFeatures))}). Give the pipeline a model name of its own, or declare the model with the same options.");
        }

        return (registry, monitor);
    }

    private static bool IsMonitored(IModelWatch registry, string modelName)
    {
        foreach (var model in registry.Models)
        {
            if (string.Equals(model.Name, modelName, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}
