namespace ModelWatch.Monitoring;

/// <summary>
/// The store's stages: a logged id goes into the <see cref="OutcomeStage"/> of the logging shard the
/// call holds (one stage per logging shard, guarded by that shard's lock), and from there into the stripes.
/// </summary>
internal sealed partial class OutcomeStore
{
    /// <summary>
    /// Holds a prediction for its outcome: into the stage of <paramref name="logging"/>, the logging
    /// shard whose lock the caller holds (and which guards the stage), and with a full stage into the stripes.
    /// </summary>
    public void AddPrediction(MonitorShard logging, string id, long ticks, long epoch, double prediction, ReadOnlySpan<double> probabilities, bool live, int segment = OutcomeShard.NoSegment)
    {
        var stage = _stages[logging.Index];
        if (stage.Add(id, StripeOf(id), ticks, epoch, prediction, probabilities, live, segment))
        {
            stage.FlushInto(this);
        }
    }

    /// <summary>Whether any stage holds predictions (read without locks; a prediction being staged meanwhile is concurrent with the caller).</summary>
    internal bool AnyStaged()
    {
        foreach (var stage in _stages)
        {
            if (!stage.IsEmpty)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Moves every staged prediction into its stripe, each stage under its logging shard's lock.
    /// Never called under a logging shard's or a stripe's lock (a logging shard's lock comes first).
    /// </summary>
    internal void FlushStages()
    {
        for (int i = 0; i < _stages.Length; i++)
        {
            var stage = _stages[i];
            if (stage.IsEmpty)
            {
                continue;
            }

            var logging = _logging[i];
            logging.Enter();
            try
            {
                stage.FlushInto(this);
            }
            finally
            {
                logging.Exit();
            }
        }
    }
}
