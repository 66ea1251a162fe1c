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
    private readonly QualityAccumulatorBuffers<(long Epoch, int Slot)> _accumulators;

    public SegmentOutcomes(QualityDefinition definition, int poolLimit)
    {
        _definition = definition;
        _accumulators = new QualityAccumulatorBuffers<(long Epoch, int Slot)>(definition, poolLimit, capacity: 0);
    }

    /// <summary>Scores a joined outcome in its segment (the whole model's scoring already checked it is valid).</summary>
    public void Add(int slot, long predictionEpoch, long arrivalEpoch, double prediction, ReadOnlySpan<double> probabilities, double actual)
    {
        var byPrediction = _accumulators.ByPrediction((predictionEpoch, slot), predictionEpoch);
        var byArrival = _accumulators.ByArrival((arrivalEpoch, slot), arrivalEpoch);
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
    public (Dictionary<(long Epoch, int Slot), QualityAccumulator> ByPrediction, Dictionary<(long Epoch, int Slot), QualityAccumulator> ByArrival) Swap() => _accumulators.Swap();

    /// <summary>Returns harvested accumulators for reuse (evaluator, under the shard's lock).</summary>
    public void Recycle(Dictionary<(long Epoch, int Slot), QualityAccumulator> harvested) => _accumulators.Recycle(harvested);
}
