using ModelWatch.Monitoring;

namespace ModelWatch.Extensions.AI;

/// <summary>Finds the <see cref="EmbeddingMonitor"/> of an embedding model.</summary>
public static class ModelWatchEmbeddingRegistryExtensions
{
    /// <summary>
    /// The embedding monitor of <paramref name="modelName"/>, created by an
    /// <c>EmbeddingGeneratorBuilder.UseModelWatch</c> pipeline once built, or by
    /// <c>AddEmbeddingModel</c> once resolved (<c>GetRequiredKeyedService&lt;EmbeddingMonitor&gt;(name)</c>).
    /// </summary>
    /// <param name="registry">ModelWatch.</param>
    /// <param name="modelName">The embedding model's name.</param>
    /// <returns>The monitor: its latest report, its memory, <see cref="EmbeddingMonitor.LogEmbedding"/>.</returns>
    /// <exception cref="InvalidOperationException">No embedding monitor of that name exists (yet).</exception>
    public static EmbeddingMonitor GetEmbeddingMonitor(this IModelWatch registry, string modelName)
    {
        ArgumentNullException.ThrowIfNull(registry);
        ArgumentNullException.ThrowIfNull(modelName);
        return GenAiTelemetry.FindEmbeddingMonitor(registry, modelName)
            ?? throw new InvalidOperationException(
                $"No embedding model '{modelName}' is watched: build its pipeline (EmbeddingGeneratorBuilder.UseModelWatch) or resolve its monitor (AddEmbeddingModel) first.");
    }
}
