using Microsoft.Extensions.AI;

namespace ModelWatch.Extensions.AI;

/// <summary>A delegating embedding generator that logs every vector it returns into an <see cref="EmbeddingMonitor"/>; the result is passed on untouched.</summary>
internal sealed class ModelWatchEmbeddingGenerator<TInput>(IEmbeddingGenerator<TInput, Embedding<float>> innerGenerator, EmbeddingMonitor monitor)
    : DelegatingEmbeddingGenerator<TInput, Embedding<float>>(innerGenerator)
{
    public override async Task<GeneratedEmbeddings<Embedding<float>>> GenerateAsync(
        IEnumerable<TInput> values, EmbeddingGenerationOptions? options = null, CancellationToken cancellationToken = default)
    {
        var embeddings = await base.GenerateAsync(values, options, cancellationToken).ConfigureAwait(false);
        for (int i = 0; i < embeddings.Count; i++)
        {
            if (embeddings[i] is { } embedding)
            {
                monitor.LogEmbedding(embedding.Vector.Span); // never throws
            }
        }

        return embeddings;
    }
}
