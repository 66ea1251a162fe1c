using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>The immutable quality settings of a model, copied once from <see cref="QualityOptions"/>.</summary>
internal sealed class QualityDefinition
{
    public QualityDefinition(QualityOptions o)
    {
        Task = Enum.Parse<ModelTask>(o.Task, ignoreCase: true);
        Classes = Task switch
        {
            ModelTask.BinaryClassification => 2,
            ModelTask.MulticlassClassification => o.Classes,
            _ => 0,
        };
        DecisionThreshold = o.DecisionThreshold;
        PendingCapacity = o.PendingCapacity;
        PendingTimeToLive = o.PendingTimeToLive;
        ScoreBins = o.ScoreBins;
        CalibrationBins = o.CalibrationBins;
        MinimumOutcomes = o.MinimumOutcomes;
        ConceptDrift = Enum.Parse<ConceptDriftDetector>(o.ConceptDrift, ignoreCase: true);
        AdwinDelta = o.AdwinDelta;
        BaselineWindows = o.BaselineWindows;
        Thresholds = [.. o.Thresholds.Select(t => new QualityThreshold { Metric = Enum.Parse<QualityMetric>(t.Metric, ignoreCase: true), Minimum = t.Minimum, Maximum = t.Maximum, MaxDrop = t.MaxDrop, Baseline = t.Baseline })];
    }

    public ModelTask Task { get; }

    public bool IsClassification => Task is ModelTask.BinaryClassification or ModelTask.MulticlassClassification;

    /// <summary>Classes (2 for binary, 0 for regression).</summary>
    public int Classes { get; }

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

    /// <summary>Every problem of the quality options that attributes cannot express.</summary>
    public static IEnumerable<string> Problems(QualityOptions o, PredictionKind prediction)
    {
        if (!TryParse<ModelTask>(o.Task, out var task))
        {
            yield return $"Unknown quality task '{o.Task}' (expected None, BinaryClassification, MulticlassClassification or Regression).";
            yield break;
        }

        if (!TryParse<ConceptDriftDetector>(o.ConceptDrift, out _))
        {
            yield return $"Unknown concept-drift detector '{o.ConceptDrift}' (expected Adwin, PageHinkley, DriftDetectionMethod or None).";
        }

        if (o.PendingTimeToLive <= TimeSpan.Zero)
        {
            yield return "The pending time-to-live of outcomes must be positive.";
        }

        switch (task)
        {
            case ModelTask.BinaryClassification or ModelTask.Regression when prediction == PredictionKind.Categorical:
                yield return $"A {task} model's prediction is a number: set Prediction to Numeric (or None).";
                break;
            case ModelTask.MulticlassClassification when o.Classes < 2:
                yield return $"A multiclass model needs Quality:Classes of at least 2 (got {o.Classes}).";
                break;
            case ModelTask.MulticlassClassification when prediction == PredictionKind.Numeric:
                yield return "A multiclass model's prediction is a class index: set Prediction to Categorical (or None); the builder's MulticlassClassification does this.";
                break;
            case ModelTask.Regression when TryParse<ConceptDriftDetector>(o.ConceptDrift, out var d) && d == ConceptDriftDetector.DriftDetectionMethod:
                yield return "DDM watches 0/1 errors; a regression model's concept drift needs Adwin or PageHinkley.";
                break;
        }

        foreach (var t in o.Thresholds)
        {
            if (!TryParse<QualityMetric>(t.Metric, out var metric))
            {
                yield return $"A quality threshold names an unknown metric '{t.Metric}'.";
                continue;
            }

            if (task == ModelTask.None)
            {
                yield return $"A quality threshold on {metric} needs a Quality:Task.";
            }
            else if (!QualityMetrics.AppliesTo(metric, task))
            {
                yield return $"The quality metric {metric} does not apply to a {task} model.";
            }

            if (t.Minimum is null && t.Maximum is null && t.MaxDrop is null)
            {
                yield return $"The quality threshold on {metric} sets no limit (Minimum, Maximum or MaxDrop).";
            }

            if (t.Minimum is double min && t.Maximum is double max && !(min < max))
            {
                yield return $"Thresholds out of order: the minimum of {metric} ({min}) must be below its maximum ({max}).";
            }

            if (t.MaxDrop is double drop && !(double.IsFinite(drop) && drop >= 0))
            {
                yield return $"The allowed drop of {metric} must be a non-negative number (got {drop}).";
            }

            if ((t.Minimum is double a && !double.IsFinite(a)) || (t.Maximum is double b && !double.IsFinite(b)) || (t.Baseline is double c && !double.IsFinite(c)))
            {
                yield return $"The quality threshold on {metric} has a limit that is not a finite number.";
            }
        }
    }

    private static bool TryParse<T>(string? value, out T result)
        where T : struct, Enum
    {
        result = default;
        return value is not null && !int.TryParse(value, out _) && Enum.TryParse(value, ignoreCase: true, out result) && Enum.IsDefined(result);
    }
}
