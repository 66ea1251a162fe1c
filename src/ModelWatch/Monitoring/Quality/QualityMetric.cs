namespace ModelWatch.Monitoring;

/// <summary>A model-quality metric that a threshold or a gauge can name.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public enum QualityMetric
{
    /// <summary>Share of correct predictions (classification; higher is better).</summary>
    Accuracy = 0,

    /// <summary>Macro-averaged precision (classification; higher is better).</summary>
    Precision = 1,

    /// <summary>Macro-averaged recall (classification; higher is better).</summary>
    Recall = 2,

    /// <summary>Macro-averaged F1 score (classification; higher is better).</summary>
    F1 = 3,

    /// <summary>Mean log loss (classification with probabilities; lower is better).</summary>
    LogLoss = 4,

    /// <summary>Brier score (classification with probabilities; lower is better).</summary>
    BrierScore = 5,

    /// <summary>Expected calibration error over top-label confidence bins (classification with probabilities; lower is better).</summary>
    ExpectedCalibrationError = 6,

    /// <summary>Area under the ROC curve (binary classification; higher is better).</summary>
    RocAuc = 7,

    /// <summary>Mean absolute error (regression; lower is better).</summary>
    MeanAbsoluteError = 8,

    /// <summary>Root mean squared error (regression; lower is better).</summary>
    RootMeanSquaredError = 9,

    /// <summary>Mean absolute percentage error over non-zero actuals, as a fraction (regression; lower is better).</summary>
    MeanAbsolutePercentageError = 10,

    /// <summary>Coefficient of determination (regression; higher is better).</summary>
    RSquared = 11,

    /// <summary>Mean of prediction − actual, the bias (regression; closer to 0 is better, a threshold bounds its absolute value).</summary>
    MeanError = 12,
}
