namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// A seeded Gaussian random projection from the embedding's dimension to at most
/// <see cref="ModelWatchEmbeddingOptions.ProjectedComponents"/> components, on which the
/// per-component sketches are kept: entries N(0, 1/k), so ‖Rv‖² / ‖v‖² follows χ²ₖ / k for any
/// fixed vector v (Johnson–Lindenstrauss). At k = 64 a difference between two vectors — a shift
/// of the mean, say — keeps between 0.78 and 1.21 of its length with probability 0.98 over the
/// seed (χ²₆₄'s 1st and 99th percentiles, 39.38 and 93.22, over 64, square-rooted); see
/// <c>RandomProjectionTests</c>. A vector no longer than k is kept as it is (no projection).
/// </summary>
internal sealed class RandomProjection
{
    private readonly float[]? _matrix;

    public RandomProjection(int dimension, int maxComponents, ulong seed)
    {
        Dimension = dimension;
        Components = Math.Min(dimension, maxComponents);
        if (Components == dimension)
        {
            return;
        }

        _matrix = new float[Components * dimension];
        var random = new SplitMix64(seed);
        double scale = 1 / Math.Sqrt(Components);
        for (int i = 0; i < _matrix.Length; i++)
        {
            _matrix[i] = (float)(random.NextGaussian() * scale);
        }
    }

    public int Dimension { get; }

    public int Components { get; }

    /// <summary>Bytes the projection keeps (its matrix).</summary>
    public long Bytes => (_matrix?.Length ?? 0) * sizeof(float);

    /// <summary>Writes the <see cref="Components"/> projected values of <paramref name="vector"/> (of length <see cref="Dimension"/>).</summary>
    public void Project(ReadOnlySpan<float> vector, Span<double> components)
    {
        if (_matrix is null)
        {
            for (int d = 0; d < vector.Length; d++)
            {
                components[d] = vector[d];
            }

            return;
        }

        for (int c = 0; c < Components; c++)
        {
            components[c] = System.Numerics.Tensors.TensorPrimitives.Dot(_matrix.AsSpan(c * Dimension, Dimension), vector);
        }
    }
}
