using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// The immutable quality settings of a model, copied once from <see cref="QualityOptions"/> that
/// passed <see cref="ModelOptionsValidator"/>.
/// </summary>
internal sealed class QualityDefinition
{
    public QualityDefinition(QualityOptions o)
    {
        Task = o.Task;
        Classes = Task switch
        {
            ModelTask.BinaryClassification => 2,
            ModelTask.MulticlassClassification => o.Classes,
            _ => 0,
        };
        ClassNames = [.. o.ClassNames];
        DecisionThreshold = o.DecisionThreshold;
        PendingCapacity = o.MaxPendingPredictions;
        PendingTimeToLive = o.PendingTimeToLive;
        ScoreBins = o.ScoreBins;
        CalibrationBins = o.CalibrationBins;
        MinimumOutcomes = o.MinimumOutcomes;
        ConceptDrift = o.ConceptDrift;
        AdwinDelta = o.AdwinDelta;
        BaselineWindows = o.BaselineWindows;
        Estimation = IsClassification ? new PerformanceEstimation(Task, Classes, DecisionThreshold, ScoreBins, o.Estimator) : null;
        Thresholds = [.. o.Thresholds.Select(t => new QualityThreshold { Metric = t.Metric.GetValueOrDefault(), Minimum = t.Minimum, Maximum = t.Maximum, MaxDrop = t.MaxDrop, Baseline = t.Baseline })];
    }

    public ModelTask Task { get; }

    public bool IsClassification => Task is ModelTask.BinaryClassification or ModelTask.MulticlassClassification;

    /// <summary>Classes (2 for binary, 0 for regression).</summary>
    public int Classes { get; }

    /// <summary>The classes' names in index order; empty when the classes are not named.</summary>
    public ImmutableArray<string> ClassNames { get; }

    public double DecisionThreshold { get; }
    public int PendingCapacity { get; }
    public TimeSpan PendingTimeToLive { get; }
    public int ScoreBins { get; }
    public int CalibrationBins { get; }
    public long MinimumOutcomes { get; }
    public ConceptDriftDetector ConceptDrift { get; }
    public double AdwinDelta { get; }
    public int BaselineWindows { get; }
    public ImmutableArray<QualityThreshold> Thresholds { get; }

    /// <summary>The label-free performance estimation of a classifier; null for other tasks.</summary>
    public PerformanceEstimation? Estimation { get; }
}
