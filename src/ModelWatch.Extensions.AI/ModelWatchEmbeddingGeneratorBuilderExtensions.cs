using ModelWatch.Extensions.AI;

namespace Microsoft.Extensions.AI;

/// <summary>Adds ModelWatch to an embedding generator pipeline.</summary>
public static class ModelWatchEmbeddingGeneratorBuilderExtensions
{
    /// <summary>
    /// Watches every vector the generator returns for drift against the first vectors (see
    /// <see cref="EmbeddingMonitor"/>): the projected components become the features of the
    /// ModelWatch model <paramref name="modelName"/>, and each closed window is compared with the
    /// reference by mean-vector distance, MMD² and a domain classifier. The result is never changed;
    /// ModelWatch never throws into the caller. No input text or vector leaves the process.
    /// </summary>
    /// <typeparam name="TInput">The generator's input (usually <see cref="string"/>).</typeparam>
    /// <param name="builder">The pipeline.</param>
    /// <param name="modelName">The model's name in ModelWatch.</param>
    /// <param name="configure">Dimensions (when the generator reports none), projection, samples, thresholds, the model's windows and alerts.</param>
    /// <returns>The pipeline.</returns>
    /// <exception cref="InvalidOperationException">When the pipeline is built: ModelWatch is not registered, the options are invalid, the vectors' length is unknown, or the model exists with other features.</exception>
    public static EmbeddingGeneratorBuilder<TInput, Embedding<float>> UseModelWatch<TInput>(
        this EmbeddingGeneratorBuilder<TInput, Embedding<float>> builder, string modelName, Action<ModelWatchEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);

        return builder.Use((inner, services) =>
        {
            var options = new ModelWatchEmbeddingOptions();
            configure?.Invoke(options);
            int? dimensions = options.Dimensions ?? inner.GetService<EmbeddingGeneratorMetadata>()?.DefaultModelDimensions;
            var monitor = EmbeddingMonitors.GetOrAdd(services, modelName, dimensions, options, nameof(UseModelWatch));
            return new ModelWatchEmbeddingGenerator<TInput>(inner, monitor);
        });
    }
}
