using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>Creates, once per registry and name, the <see cref="EmbeddingMonitor"/> and the ModelWatch model of its projected components.</summary>
internal static class EmbeddingMonitors
{
    public static EmbeddingMonitor GetOrAdd(IServiceProvider services, string modelName, int? dimensions, ModelWatchEmbeddingOptions options, string caller)
    {
        options.Validate(caller, modelName, dimensions);
        int length = dimensions!.Value;
        var names = ComponentNames(length, options);
        var (registry, monitor) = MonitoredModels.GetOrAdd(services, modelName, caller, model => Declare(model, names, options), schema => Matches(schema, names));
        var telemetry = GenAiTelemetry.For(registry, services);
        var embeddings = telemetry.EmbeddingMonitor(modelName, () =>
        {
            var created = new EmbeddingMonitor(monitor, length, options, telemetry.EmbeddingCounters(modelName));
            registry.ReportPublished += created.OnReportPublished;
            return created;
        });
        if (embeddings.Dimensions != length)
        {
            throw new InvalidOperationException(
                $"{caller}(\"{modelName}\"): the embedding model is already watched with vectors of length {embeddings.Dimensions}, not {length}. Give each embedding model a name of its own.");
        }

        return embeddings;
    }

    /// <summary>The projected components' feature names for vectors of <paramref name="dimensions"/>.</summary>
    public static string[] ComponentNames(int dimensions, ModelWatchEmbeddingOptions options)
    {
        var names = new string[Math.Min(dimensions, options.ProjectedComponents)];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = EmbeddingMonitor.ComponentName(i);
        }

        return names;
    }

    /// <summary>Declares the projected components as the model's features, the first vectors as its reference, and Evidently's 20 % share.</summary>
    public static void Declare(ModelBuilder model, string[] names, ModelWatchEmbeddingOptions options)
    {
        model.Numeric(names).Prediction(PredictionKind.None)
            .ReferenceFromFirstPredictions(options.ReferenceSize)
            .Configure(o => o.Drift.DatasetDriftShare = options.ComponentDriftShare);
        options.ConfigureModel?.Invoke(model);
    }

    private static bool Matches(ModelSchema schema, string[] names) =>
        schema.NumericFeatures.SequenceEqual(names, StringComparer.Ordinal) && schema.CategoricalFeatures.Length == 0;
}
