using ModelWatch.Statistics;

namespace ModelWatch.Monitoring;

/// <summary>A quality accumulator's state in a monitor snapshot, and back.</summary>
internal static class QualityAccumulatorSnapshots
{
    /// <summary>The accumulator's state for a snapshot.</summary>
    public static QualityAccumulatorSnapshot ToSnapshot(this QualityAccumulator a) => new()
    {
        Outcomes = a.Outcomes,
        Predictions = a.Predictions,
        Estimation = EstimationSnapshot.From(a.Estimation),
        Confusion = [.. a.Confusion],
        ProbabilisticOutcomes = a.ProbabilisticOutcomes,
        LogLossSum = a.LogLossSum,
        BrierSum = a.BrierSum,
        CalibrationCount = [.. a.CalibrationCount],
        CalibrationConfidence = [.. a.CalibrationConfidence],
        CalibrationCorrect = [.. a.CalibrationCorrect],
        PositiveScores = [.. a.PositiveScores],
        NegativeScores = [.. a.NegativeScores],
        AbsoluteErrorSum = a.AbsoluteErrorSum,
        SquaredErrorSum = a.SquaredErrorSum,
        ErrorSum = a.ErrorSum,
        PercentageErrorSum = a.PercentageErrorSum,
        PercentageErrorCount = a.PercentageErrorCount,
        ZeroActuals = a.ZeroActuals,
        Actuals = MomentsSnapshot.From(in a.Actuals),
    };

    /// <summary>Adds a snapshot's state (the shapes must be this model's).</summary>
    /// <exception cref="ArgumentException">The snapshot's arrays do not fit the model.</exception>
    public static void Add(this QualityAccumulator target, QualityAccumulatorSnapshot s) => target.Merge(FromSnapshot(target.Definition, s));

    /// <summary>An accumulator of this model holding a snapshot's state.</summary>
    private static QualityAccumulator FromSnapshot(QualityDefinition definition, QualityAccumulatorSnapshot s)
    {
        var a = new QualityAccumulator(definition)
        {
            Outcomes = s.Outcomes,
            Predictions = s.Predictions,
            ProbabilisticOutcomes = s.ProbabilisticOutcomes,
            LogLossSum = s.LogLossSum,
            BrierSum = s.BrierSum,
            AbsoluteErrorSum = s.AbsoluteErrorSum,
            SquaredErrorSum = s.SquaredErrorSum,
            ErrorSum = s.ErrorSum,
            PercentageErrorSum = s.PercentageErrorSum,
            PercentageErrorCount = s.PercentageErrorCount,
            ZeroActuals = s.ZeroActuals,
            Actuals = s.Actuals?.ToState() ?? MomentsState.Empty,
        };
        SnapshotLists.CopyExact(s.Confusion, a.Confusion, "confusion counts");
        SnapshotLists.CopyExact(s.CalibrationCount, a.CalibrationCount, "calibration counts");
        SnapshotLists.CopyExact(s.CalibrationConfidence, a.CalibrationConfidence, "calibration confidence sums");
        SnapshotLists.CopyExact(s.CalibrationCorrect, a.CalibrationCorrect, "calibration correct counts");
        SnapshotLists.CopyExact(s.PositiveScores, a.PositiveScores, "positive score bins");
        SnapshotLists.CopyExact(s.NegativeScores, a.NegativeScores, "negative score bins");
        EstimationSnapshot.AddInto(a.Estimation, s.Estimation);
        return a;
    }
}
