namespace ModelWatch.Monitoring;

/// <summary>
/// The logging overloads of <see cref="IModelMonitor"/>: each builds a <see cref="PredictionEntry"/>
/// on the stack and makes the one <see cref="IModelMonitor.Log(in PredictionEntry)"/> call, so they
/// cost what it costs and allocate nothing.
/// </summary>
public static class ModelMonitorExtensions
{
    /// <summary>Records a prediction of a model with numeric features only.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="prediction">The prediction.</param>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, double prediction) =>
        monitor.Log(new PredictionEntry { Features = features, Value = prediction });

    /// <summary>Records a prediction.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, Value = prediction });

    /// <summary>Records a prediction made at <paramref name="timestamp"/> (replays and backfills land in that time's window).</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, DateTimeOffset timestamp) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, Value = prediction, Timestamp = timestamp });

    /// <summary>
    /// Records a prediction under an id, so that its outcome can be joined later with
    /// <see cref="IModelMonitor.RecordOutcome(string, double)"/> (the model must declare a task, e.g. <c>.BinaryClassification()</c>).
    /// </summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction: a binary model's score, a multiclass model's class index, a regression value.</param>
    /// <param name="predictionId">The prediction's id (e.g. a transaction id); null records the prediction without holding it for an outcome.</param>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, Value = prediction, Id = predictionId });

    /// <summary>Records a prediction made at <paramref name="timestamp"/> under an id.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="prediction">The prediction.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, double prediction, string? predictionId, DateTimeOffset timestamp) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, Value = prediction, Id = predictionId, Timestamp = timestamp });

    /// <summary>
    /// Records a multiclass prediction as its class-probability vector (one entry per class): the
    /// predicted class is the most probable one, and log loss, Brier score and calibration become computable.
    /// </summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="classProbabilities">The probability of each class.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <exception cref="InvalidOperationException">The model is not declared a multiclass classifier (a configuration error).</exception>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, ClassProbabilities = classProbabilities, Id = predictionId });

    /// <summary>Records a multiclass prediction made at <paramref name="timestamp"/> as its class-probability vector.</summary>
    /// <param name="monitor">The monitor.</param>
    /// <param name="features">The numeric features.</param>
    /// <param name="categories">The categorical features.</param>
    /// <param name="classProbabilities">The probability of each class.</param>
    /// <param name="predictionId">The prediction's id, or null.</param>
    /// <param name="timestamp">When the prediction was made.</param>
    /// <exception cref="InvalidOperationException">The model is not declared a multiclass classifier (a configuration error).</exception>
    public static void Log(this IModelMonitor monitor, ReadOnlySpan<double> features, ReadOnlySpan<string?> categories, ReadOnlySpan<double> classProbabilities, string? predictionId, DateTimeOffset timestamp) =>
        monitor.Log(new PredictionEntry { Features = features, Categories = categories, ClassProbabilities = classProbabilities, Id = predictionId, Timestamp = timestamp });
}
