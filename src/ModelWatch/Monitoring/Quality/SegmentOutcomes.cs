using System.Runtime.InteropServices;

namespace ModelWatch.Monitoring;

/// <summary>
/// An outcome shard's quality accumulators per segment slot, by prediction window and by arrival
/// window: a joined outcome counts in the whole model's accumulators and, when its prediction was
/// logged in a segment, in that segment's too. Guarded by the shard's spin lock.
/// </summary>
/// <remarks>
/// Keyed by (sub-window, slot). Harvested accumulators return to a pool sized for every slot of a
/// window and a late one, so steady traffic allocates nothing once each (sub-window, slot) pair has
/// been seen.
/// </remarks>
internal sealed class SegmentOutcomes
{
    private readonly QualityDefinition _definition;
    private readonly int _poolLimit;
    private readonly Stack<QualityAccumulator> _pool = new();
    private Dictionary<(long Epoch, int Slot), QualityAccumulator> _byPrediction = [];
    private Dictionary<(long Epoch, int Slot), QualityAccumulator> _byArrival = [];
    private Dictionary<(long Epoch, int Slot), QualityAccumulator> _sparePrediction = [];
    private Dictionary<(long Epoch, int Slot), QualityAccumulator> _spareArrival = [];

    public SegmentOutcomes(QualityDefinition definition, int poolLimit)
    {
        _definition = definition;
        _poolLimit = poolLimit;
    }

    /// <summary>Scores a joined outcome in its segment (the whole model's scoring already checked it is valid).</summary>
    public void Add(int slot, long predictionEpoch, long arrivalEpoch, double prediction, ReadOnlySpan<double> probabilities, double actual)
    {
        var byPrediction = AccumulatorFor(_byPrediction, predictionEpoch, slot);
        var byArrival = AccumulatorFor(_byArrival, arrivalEpoch, slot);
        switch (_definition.Task)
        {
            case ModelTask.BinaryClassification:
                byPrediction.AddBinary(prediction, (int)actual);
                byArrival.AddBinary(prediction, (int)actual);
                break;
            case ModelTask.MulticlassClassification:
                byPrediction.AddMulticlass((int)prediction, (int)actual, probabilities);
                byArrival.AddMulticlass((int)prediction, (int)actual, probabilities);
                break;
            default:
                byPrediction.AddRegression(prediction, actual);
                byArrival.AddRegression(prediction, actual);
                break;
        }
    }

    /// <summary>Moves the accumulators recorded so far out (evaluator, under the shard's lock).</summary>
    public (Dictionary<(long Epoch, int Slot), QualityAccumulator> ByPrediction, Dictionary<(long Epoch, int Slot), QualityAccumulator> ByArrival) Swap()
    {
        var taken = (_byPrediction, _byArrival);
        _byPrediction = _sparePrediction;
        _byArrival = _spareArrival;
        _sparePrediction = taken._byPrediction;
        _spareArrival = taken._byArrival;
        return taken;
    }

    /// <summary>Returns harvested accumulators for reuse (evaluator, under the shard's lock).</summary>
    public void Recycle(Dictionary<(long Epoch, int Slot), QualityAccumulator> harvested)
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

    private QualityAccumulator AccumulatorFor(Dictionary<(long Epoch, int Slot), QualityAccumulator> accumulators, long epoch, int slot)
    {
        ref var accumulator = ref CollectionsMarshal.GetValueRefOrAddDefault(accumulators, (epoch, slot), out _);
        if (accumulator is null)
        {
            accumulator = _pool.Count > 0 ? _pool.Pop() : new QualityAccumulator(_definition);
            accumulator.Epoch = epoch;
        }

        return accumulator;
    }
}
