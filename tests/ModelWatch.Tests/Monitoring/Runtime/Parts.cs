using Microsoft.Extensions.Options;
using ModelWatch.Monitoring;
using ModelWatch.Tests.TestSupport;

namespace ModelWatch.Tests.Monitoring.Runtime;

/// <summary>
/// Builds the runtime's parts by hand, each through its own constructor, as the part tests need
/// them: no service container, no <see cref="IModelWatch"/>.
/// </summary>
internal static class Parts
{
    /// <summary>A model's definition, declared with the builder as a user would.</summary>
    public static ModelDefinition Define(Action<ModelBuilder> configure, string name = "m")
    {
        var options = new ModelOptions();
        configure(new ModelBuilder(name, options));
        return ModelDefinition.Create(name, options);
    }

    /// <summary>A monitor of <paramref name="definition"/> with its supplied reference, if any.</summary>
    public static ModelMonitor Monitor(ModelDefinition definition, TimeProvider time) =>
        new(definition, time, shardCount: 2, definition.Reference, metrics: null);

    /// <summary>A registry holding the given models (registered as a version added at run time would be).</summary>
    public static ModelRegistry Registry(TimeProvider time, ModelWatchOptions options, params ModelDefinition[] definitions)
    {
        var registry = new ModelRegistry(new OptionsOnly(options), time);
        foreach (var definition in definitions)
        {
            registry.Register(definition);
        }

        return registry;
    }

    /// <summary>Logs <paramref name="rows"/> predictions of N(shift, 1) features and an N(0, 1) prediction.</summary>
    public static void LogRows(ModelMonitor monitor, ref SplitMix64 rng, int rows, double shift = 0)
    {
        var row = new double[monitor.Schema.NumericFeatures.Length];
        for (int i = 0; i < rows; i++)
        {
            for (int f = 0; f < row.Length; f++)
            {
                row[f] = rng.NextNormal() + shift;
            }

            monitor.Log(row, rng.NextNormal());
        }
    }

    /// <summary>The registry is given its models directly; it never asks for named options.</summary>
    private sealed class NoModelOptions : IOptionsMonitor<ModelOptions>
    {
        public ModelOptions CurrentValue => throw new NotSupportedException();

        public ModelOptions Get(string? name) => throw new NotSupportedException();

        public IDisposable? OnChange(Action<ModelOptions, string?> listener) => null;
    }

    /// <summary>The global options and no declared model: the models the tests declare are registered directly and have no reference factory.</summary>
    private sealed class OptionsOnly(ModelWatchOptions options) : IServiceProvider
    {
        public object? GetService(Type serviceType) =>
            serviceType == typeof(IOptions<ModelWatchOptions>) ? Options.Create(options)
            : serviceType == typeof(IOptionsMonitor<ModelOptions>) ? new NoModelOptions()
            : null;
    }
}
