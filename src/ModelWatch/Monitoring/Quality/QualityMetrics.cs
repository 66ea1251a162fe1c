using System.Collections.Immutable;

namespace ModelWatch.Monitoring;

/// <summary>
/// The quality of a model's labeled predictions in one window. A metric the task or the data does
/// not define is null: probabilistic metrics need probabilities (binary scores in [0, 1], or a class
/// probability vector), regression metrics need a regression model, and nothing is defined without outcomes.
/// </summary>
/// <remarks>
/// Conventions (docs/quality.md): log loss clips probabilities to [1e−15, 1 − 1e−15]; the
/// multiclass Brier score sums over classes (Σₖ (pₖ − [k = y])², as in Brier's definition), the
/// binary one is (p − y)²; the expected calibration error bins the top-label confidence into equal-width bins;
/// MAPE skips zero actuals (counted in <see cref="ZeroActuals"/>); macro averages skip classes whose
/// value is undefined.
/// </remarks>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public sealed class QualityMetrics
{
    internal QualityMetrics()
    {
    }

    /// <summary>Gets the model's task.</summary>
    public ModelTask Task { get; internal init; }

    /// <summary>Gets the number of outcomes scored.</summary>
    public long Outcomes { get; internal init; }

    /// <summary>Gets the share of correct predictions.</summary>
    public double? Accuracy { get; internal init; }

    /// <summary>Gets the macro-averaged precision (binary: precision of class 1).</summary>
    public double? Precision { get; internal init; }

    /// <summary>Gets the macro-averaged recall (binary: recall of class 1).</summary>
    public double? Recall { get; internal init; }

    /// <summary>Gets the macro-averaged F1 (binary: F1 of class 1).</summary>
    public double? F1 { get; internal init; }

    /// <summary>Gets per-class precision, recall and F1 (classification).</summary>
    public ImmutableArray<ClassQuality> Classes { get; internal init; } = [];

    /// <summary>Gets the counts of (true class, predicted class) pairs, row-major: <c>ConfusionMatrix[actual * K + predicted]</c>.</summary>
    public ImmutableArray<long> ConfusionMatrix { get; internal init; } = [];

    /// <summary>Gets the number of outcomes whose prediction came with probabilities (the base of the probabilistic metrics).</summary>
    public long ProbabilisticOutcomes { get; internal init; }

    /// <summary>Gets the mean log loss.</summary>
    public double? LogLoss { get; internal init; }

    /// <summary>Gets the mean Brier score.</summary>
    public double? BrierScore { get; internal init; }

    /// <summary>Gets the expected calibration error.</summary>
    public double? ExpectedCalibrationError { get; internal init; }

    /// <summary>Gets the area under the ROC curve (binary), computed from score bins.</summary>
    public double? RocAuc { get; internal init; }

    /// <summary>
    /// Gets the bound on |<see cref="RocAuc"/> − exact AUC|: half the share of (positive, negative)
    /// pairs whose scores fall in the same bin, the only pairs whose order the bins do not know.
    /// </summary>
    public double? RocAucErrorBound { get; internal init; }

    /// <summary>Gets the mean absolute error.</summary>
    public double? MeanAbsoluteError { get; internal init; }

    /// <summary>Gets the root mean squared error.</summary>
    public double? RootMeanSquaredError { get; internal init; }

    /// <summary>Gets the mean absolute percentage error over non-zero actuals, as a fraction (0.1 = 10 %).</summary>
    public double? MeanAbsolutePercentageError { get; internal init; }

    /// <summary>Gets the number of outcomes with a zero actual, which MAPE leaves out.</summary>
    public long ZeroActuals { get; internal init; }

    /// <summary>Gets the coefficient of determination 1 − SSE / SST (null when the actuals are constant).</summary>
    public double? RSquared { get; internal init; }

    /// <summary>Gets the mean of prediction − actual (positive: the model over-predicts).</summary>
    public double? MeanError { get; internal init; }

    /// <summary>Gets a metric by name.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>Its value, or null when it is not defined here.</returns>
    public double? Get(QualityMetric metric) => metric switch
    {
        QualityMetric.Accuracy => Accuracy,
        QualityMetric.Precision => Precision,
        QualityMetric.Recall => Recall,
        QualityMetric.F1 => F1,
        QualityMetric.LogLoss => LogLoss,
        QualityMetric.BrierScore => BrierScore,
        QualityMetric.ExpectedCalibrationError => ExpectedCalibrationError,
        QualityMetric.RocAuc => RocAuc,
        QualityMetric.MeanAbsoluteError => MeanAbsoluteError,
        QualityMetric.RootMeanSquaredError => RootMeanSquaredError,
        QualityMetric.MeanAbsolutePercentageError => MeanAbsolutePercentageError,
        QualityMetric.RSquared => RSquared,
        QualityMetric.MeanError => MeanError,
        _ => null,
    };

    /// <summary>Gets a value indicating whether larger values of <paramref name="metric"/> are better.</summary>
    /// <param name="metric">The metric.</param>
    /// <returns>True for accuracy, precision, recall, F1, ROC AUC and R².</returns>
    internal static bool HigherIsBetter(QualityMetric metric) => metric is QualityMetric.Accuracy or QualityMetric.Precision
        or QualityMetric.Recall or QualityMetric.F1 or QualityMetric.RocAuc or QualityMetric.RSquared;

    /// <summary>Gets a value indicating whether <paramref name="metric"/> is defined for <paramref name="task"/>.</summary>
    /// <param name="metric">The metric.</param>
    /// <param name="task">The task.</param>
    /// <returns>Whether the metric applies.</returns>
    internal static bool AppliesTo(QualityMetric metric, ModelTask task) => task switch
    {
        ModelTask.BinaryClassification => metric <= QualityMetric.RocAuc,
        ModelTask.MulticlassClassification => metric < QualityMetric.RocAuc,
        ModelTask.Regression => metric >= QualityMetric.MeanAbsoluteError,
        _ => false,
    };
}
