using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// Quality accumulators keyed by window (or by window and segment slot), by prediction window and by
/// arrival window, double-buffered: logging threads write into one pair of dictionaries while the
/// evaluator merges the pair it swapped out, then returns them emptied and their accumulators pooled.
/// Guarded by the owner's lock (an outcome shard's).
/// </summary>
/// <typeparam name="TKey">The window's epoch, or the epoch and a segment slot.</typeparam>
internal sealed class QualityAccumulatorBuffers<TKey>
    where TKey : notnull
{
    private readonly QualityDefinition _definition;
    private readonly int _poolLimit;
    private readonly Stack<QualityAccumulator> _pool = new();
    private Dictionary<TKey, QualityAccumulator> _byPrediction;
    private Dictionary<TKey, QualityAccumulator> _byArrival;
    private Dictionary<TKey, QualityAccumulator> _sparePrediction;
    private Dictionary<TKey, QualityAccumulator> _spareArrival;

    /// <param name="definition">The model's quality definition (what an accumulator keeps).</param>
    /// <param name="poolLimit">Emptied accumulators kept for reuse, at most.</param>
    /// <param name="capacity">Keys each dictionary is sized for up front, so that swapping in the spare does not allocate on the logging path.</param>
    public QualityAccumulatorBuffers(QualityDefinition definition, int poolLimit, int capacity)
    {
        _definition = definition;
        _poolLimit = poolLimit;
        _byPrediction = new(capacity);
        _byArrival = new(capacity);
        _sparePrediction = new(capacity);
        _spareArrival = new(capacity);
    }

    /// <summary>The accumulator of <paramref name="key"/> by prediction window (created, or taken from the pool, for <paramref name="epoch"/>).</summary>
    public QualityAccumulator ByPrediction(TKey key, long epoch) => For(_byPrediction, key, epoch);

    /// <summary>The accumulator of <paramref name="key"/> by arrival window.</summary>
    public QualityAccumulator ByArrival(TKey key, long epoch) => For(_byArrival, key, epoch);

    /// <summary>Moves the accumulators recorded so far out (evaluator, under the owner's lock); the spares take their place.</summary>
    public (Dictionary<TKey, QualityAccumulator> ByPrediction, Dictionary<TKey, QualityAccumulator> ByArrival) Swap()
    {
        var taken = (_byPrediction, _byArrival);
        _byPrediction = _sparePrediction;
        _byArrival = _spareArrival;
        _sparePrediction = taken._byPrediction;
        _spareArrival = taken._byArrival;
        return taken;
    }

    /// <summary>Empties a harvested dictionary and pools its accumulators for reuse (evaluator, under the owner's lock).</summary>
    public void Recycle(Dictionary<TKey, QualityAccumulator> harvested)
    {
        foreach (var accumulator in harvested.Values)
        {
            if (_pool.Count < _poolLimit)
            {
                accumulator.Reset(long.MinValue);
                _pool.Push(accumulator);
            }
        }

        harvested.Clear();
    }

    private QualityAccumulator For(Dictionary<TKey, QualityAccumulator> accumulators, TKey key, long epoch)
    {
        ref var accumulator = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, key, out _);
        if (accumulator is null)
        {
            accumulator = _pool.Count > 0 ? _pool.Pop() : new QualityAccumulator(_definition);
            accumulator.Epoch = epoch;
        }

        return accumulator;
    }
}
