using ModelWatch.DependencyInjection;
using ModelWatch.Extensions.AI;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Declares, at start-up, an embedding model whose vectors the host logs itself.</summary>
public static class ModelWatchEmbeddingBuilderExtensions
{
    /// <summary>
    /// Declares the embedding model <paramref name="modelName"/> (its projected components as a
    /// ModelWatch model, so it is on the dashboard from start-up) and registers its
    /// <see cref="EmbeddingMonitor"/> as a keyed singleton:
    /// <c>provider.GetRequiredKeyedService&lt;EmbeddingMonitor&gt;(modelName).LogEmbedding(vector)</c>.
    /// An <c>EmbeddingGeneratorBuilder.UseModelWatch</c> pipeline of the same name and options shares it.
    /// </summary>
    /// <param name="builder">ModelWatch's builder.</param>
    /// <param name="modelName">The model's name in ModelWatch.</param>
    /// <param name="dimensions">The vectors' length.</param>
    /// <param name="configure">Projection, samples, thresholds, the model's windows and alerts.</param>
    /// <returns>The builder.</returns>
    /// <exception cref="InvalidOperationException">The options are invalid.</exception>
    public static IModelWatchBuilder AddEmbeddingModel(this IModelWatchBuilder builder, string modelName, int dimensions, Action<ModelWatchEmbeddingOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(builder);
        ArgumentException.ThrowIfNullOrWhiteSpace(modelName);

        var options = new ModelWatchEmbeddingOptions { Dimensions = dimensions };
        configure?.Invoke(options);
        options.Dimensions ??= dimensions;
        options.Validate(nameof(AddEmbeddingModel), modelName, options.Dimensions);
        var names = EmbeddingMonitors.ComponentNames(options.Dimensions.Value, options);
        builder.AddModel(modelName, model => EmbeddingMonitors.Declare(model, names, options));
        builder.Services.AddKeyedSingleton(modelName, (services, _) =>
            EmbeddingMonitors.GetOrAdd(services, modelName, options.Dimensions, options, nameof(AddEmbeddingModel)));
        return builder;
    }
}
