namespace ModelWatch.Monitoring;

/// <summary>What a model predicts, which decides how its outcomes are scored.</summary>
[System.Text.Json.Serialization.JsonConverter(typeof(MonitoringJsonConverter))]
public enum ModelTask
{
    /// <summary>Outcomes are not tracked (drift and data quality only).</summary>
    None = 0,

    /// <summary>
    /// Two classes: the prediction is the score (probability) of class 1, the outcome is 0 or 1, and
    /// the predicted class is 1 when the score reaches the decision threshold.
    /// </summary>
    BinaryClassification = 1,

    /// <summary>
    /// K classes: the prediction is the class index (or the class probabilities, whose largest entry
    /// is the predicted class), the outcome is the true class index.
    /// </summary>
    MulticlassClassification = 2,

    /// <summary>A number: the outcome is the true value.</summary>
    Regression = 3,
}
