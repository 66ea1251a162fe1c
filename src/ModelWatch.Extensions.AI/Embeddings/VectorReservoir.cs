namespace ModelWatch.Extensions.AI.Embeddings;

/// <summary>
/// A uniform sample of at most <see cref="Capacity"/> vectors from a stream of any length
/// (Vitter's algorithm R), kept in one preallocated array: offering a vector never allocates.
/// Seeded, so one stream gives one sample; mergeable, so two samples of two streams give a
/// uniform sample of their union (<see cref="MergeFrom"/>). Not thread-safe: its owner locks.
/// </summary>
internal sealed class VectorReservoir
{
    private readonly float[] _rows;
    private readonly ulong _seed;
    private SplitMix64 _random;

    public VectorReservoir(int capacity, int dimension, ulong seed)
    {
        Capacity = capacity;
        Dimension = dimension;
        _seed = seed;
        _rows = new float[capacity * dimension];
        _random = new SplitMix64(seed);
    }

    public int Capacity { get; }

    public int Dimension { get; }

    /// <summary>The vectors offered since the last <see cref="Clear"/>.</summary>
    public long Seen { get; private set; }

    /// <summary>The vectors held: min(<see cref="Seen"/>, <see cref="Capacity"/>).</summary>
    public int Count => (int)Math.Min(Seen, Capacity);

    /// <summary>The held vectors, row-major.</summary>
    public ReadOnlySpan<float> Rows => _rows.AsSpan(0, Count * Dimension);

    /// <summary>Bytes the reservoir keeps.</summary>
    public long Bytes => (long)_rows.Length * sizeof(float);

    public void Offer(ReadOnlySpan<float> vector)
    {
        long seen = ++Seen;
        long slot = seen <= Capacity ? seen - 1 : _random.NextBelow(seen);
        if (slot < Capacity)
        {
            vector.CopyTo(_rows.AsSpan((int)slot * Dimension, Dimension));
        }
    }

    /// <summary>Empties the reservoir and restarts its generator from the seed.</summary>
    public void Clear()
    {
        Seen = 0;
        _random = new SplitMix64(_seed);
    }

    /// <summary>
    /// Replaces this reservoir's sample with a uniform sample of the union of <paramref name="a"/>'s
    /// and <paramref name="b"/>'s streams: each slot is drawn from <paramref name="a"/> with
    /// probability proportional to the part of its stream not yet represented (a sequential
    /// hypergeometric draw), and within a side the rows are taken in a seeded random order (a slot's
    /// position says when its row arrived, so a prefix would not be a uniform subsample).
    /// </summary>
    public void MergeFrom(VectorReservoir a, VectorReservoir b)
    {
        if (a == this || b == this || a.Dimension != Dimension || b.Dimension != Dimension)
        {
            throw new ArgumentException("Merge two other reservoirs of the same dimension.");
        }

        Clear();
        var orderA = ShuffledIndices(a.Count);
        var orderB = ShuffledIndices(b.Count);
        long leftA = a.Seen, leftB = b.Seen;
        int takenA = 0, takenB = 0, size = (int)Math.Min(Capacity, leftA + leftB);
        for (int slot = 0; slot < size; slot++)
        {
            bool fromA = takenB >= b.Count || (takenA < a.Count && _random.NextBelow(leftA + leftB) < leftA);
            var source = fromA ? a.Rows.Slice(orderA[takenA++] * Dimension, Dimension) : b.Rows.Slice(orderB[takenB++] * Dimension, Dimension);
            source.CopyTo(_rows.AsSpan(slot * Dimension, Dimension));
            if (fromA)
            {
                leftA--;
            }
            else
            {
                leftB--;
            }
        }

        Seen = a.Seen + b.Seen;
    }

    private int[] ShuffledIndices(int count)
    {
        var order = new int[count];
        for (int i = 0; i < count; i++)
        {
            order[i] = i;
        }

        for (int i = count - 1; i > 0; i--)
        {
            int j = (int)_random.NextBelow(i + 1);
            (order[i], order[j]) = (order[j], order[i]);
        }

        return order;
    }
}
