namespace ModelWatch.Monitoring;

/// <summary>The store's stages: a logged id goes into its thread's <see cref="OutcomeStage"/>, and from there into the stripes.</summary>
internal sealed partial class OutcomeStore
{
    /// <summary>Holds a prediction for its outcome: into the calling thread's stage, and with a full stage into the shards.</summary>
    public void AddPrediction(string id, long ticks, long epoch, double prediction, ReadOnlySpan<double> probabilities, bool live, int segment = OutcomeShard.NoSegment)
    {
        int stripe = StripeOf(id); // now, while the caller's id is likely in this core's cache
        var stage = _stages[ThreadSlot.Current & _stageMask];
        if (!stage.TryEnter())
        {
            // Another thread holds this slot's stage: move on, as a logging shard does (MonitorShards.EnterShard).
            stage = _stages[ThreadSlot.Advance() & _stageMask];
            stage.Enter();
        }

        try
        {
            if (stage.Add(id, stripe, ticks, epoch, prediction, probabilities, live, segment))
            {
                stage.FlushInto(this);
            }
        }
        finally
        {
            stage.Exit();
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

    /// <summary>Moves every staged prediction into its shard. Never called under a shard's lock (a stage's lock comes first).</summary>
    internal void FlushStages()
    {
        foreach (var stage in _stages)
        {
            if (stage.IsEmpty)
            {
                continue;
            }

            stage.Enter();
            try
            {
                stage.FlushInto(this);
            }
            finally
            {
                stage.Exit();
            }
        }
    }
}
