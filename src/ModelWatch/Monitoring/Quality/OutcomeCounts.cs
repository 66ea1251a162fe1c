namespace ModelWatch.Monitoring;

/// <summary>What became of the predictions logged with an id and of the outcomes recorded for them, since the monitor started.</summary>
public sealed class OutcomeCounts
{
    internal OutcomeCounts()
    {
    }

    /// <summary>Gets the predictions waiting for their outcome now.</summary>
    public long Pending { get; internal init; }

    /// <summary>Gets the outcomes joined with their prediction and scored.</summary>
    public long Joined { get; internal init; }

    /// <summary>Gets the outcomes that arrived before their prediction and were held for it (they count as joined too once it arrives).</summary>
    public long Early { get; internal init; }

    /// <summary>Gets the outcomes whose prediction never arrived (expired or evicted while held as early).</summary>
    public long Unknown { get; internal init; }

    /// <summary>Gets the outcomes for a prediction that already had one (the first one counts).</summary>
    public long Duplicate { get; internal init; }

    /// <summary>Gets the predictions evicted unlabeled because the pending store was full.</summary>
    public long Evicted { get; internal init; }

    /// <summary>Gets the predictions whose outcome did not arrive within the time-to-live.</summary>
    public long Expired { get; internal init; }

    /// <summary>Gets the outcomes that could not be scored (a class outside the model's classes, a non-finite value).</summary>
    public long Invalid { get; internal init; }

    /// <summary>Gets the predictions logged with an id already pending (the first one keeps the id).</summary>
    public long DuplicatePredictionIds { get; internal init; }
}
