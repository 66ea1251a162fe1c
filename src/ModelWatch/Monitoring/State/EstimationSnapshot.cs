namespace ModelWatch.Monitoring;

/// <summary>An <see cref="EstimationAccumulator"/>'s sums in a monitor snapshot.</summary>
internal sealed class EstimationSnapshot
{
    public long Rows { get; set; }

    public double PredictedProbabilitySum { get; set; }

    public double[]? Expected { get; set; }

    public long[]? BinCounts { get; set; }

    public double[]? BinProbability { get; set; }

    /// <summary>The accumulator's sums, or null when it is absent or empty.</summary>
    public static EstimationSnapshot? From(EstimationAccumulator? a) => a is null || a.IsEmpty ? null : new()
    {
        Rows = a.Rows,
        PredictedProbabilitySum = a.PredictedProbabilitySum,
        Expected = [.. a.Expected],
        BinCounts = [.. a.BinCounts],
        BinProbability = [.. a.BinProbability],
    };

    /// <summary>
    /// Adds a snapshot's sums into <paramref name="target"/>. A snapshot of a model that had no estimation
    /// (or a target without one) is skipped, and so are sums of another shape: the model's estimation
    /// changed between save and restore (a labelled reference added or removed, other score bins), so
    /// the saved sums, made with other calibrators, would not add up; those windows' estimates restart.
    /// </summary>
    public static void AddInto(EstimationAccumulator? target, EstimationSnapshot? s)
    {
        if (target is null || s is null || s.Expected?.Length != target.Expected.Length
            || s.BinCounts?.Length != target.BinCounts.Length || s.BinProbability?.Length != target.BinProbability.Length)
        {
            return;
        }

        var restored = new EstimationAccumulator(target.Estimation)
        {
            Rows = s.Rows,
            PredictedProbabilitySum = s.PredictedProbabilitySum,
        };
        SnapshotLists.CopyExact(s.Expected, restored.Expected, "estimated confusion sums");
        SnapshotLists.CopyExact(s.BinCounts, restored.BinCounts, "estimation score bins");
        SnapshotLists.CopyExact(s.BinProbability, restored.BinProbability, "estimation probability bins");
        target.Merge(restored);
    }
}
