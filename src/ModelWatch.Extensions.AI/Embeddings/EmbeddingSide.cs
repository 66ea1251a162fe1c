using ModelWatch.Extensions.AI.Embeddings;

namespace ModelWatch.Extensions.AI;

/// <summary>One side of a comparison (the reference, or a window): the streamed mean vector of every vector, and a seeded sample of rows.</summary>
internal sealed class EmbeddingSide(int dimension, int sampleSize, ulong seed)
{
    private readonly double[] _sums = new double[dimension];

    public VectorReservoir Sample { get; } = new(sampleSize, dimension, seed);

    public long Count { get; private set; }

    public long Bytes => (_sums.Length * sizeof(double)) + Sample.Bytes;

    public void Add(ReadOnlySpan<float> vector)
    {
        for (int d = 0; d < _sums.Length; d++)
        {
            _sums[d] += vector[d];
        }

        Count++;
        Sample.Offer(vector);
    }

    public double[] Mean()
    {
        var mean = new double[_sums.Length];
        for (int d = 0; d < mean.Length; d++)
        {
            mean[d] = _sums[d] / Count;
        }

        return mean;
    }

    public void Clear()
    {
        Array.Clear(_sums);
        Count = 0;
        Sample.Clear();
    }
}
